import Foundation
import PlaneSimulator

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One HTTP exchange as a test sees it.
struct HTTPResult: Sendable {
    var status: Int
    /// Header names lowercased.
    var headers: [String: String]
    var body: Data

    var json: SimJSON? { try? SimJSONTestParser.parse(body) }
    var text: String { String(decoding: body, as: UTF8.self) }
}

/// Parses JSON through the simulator's own ordered parser (exposed for tests via `SimJSON.parse`).
enum SimJSONTestParser {
    static func parse(_ data: Data) throws -> SimJSON { try SimJSON.parse(data) }
}

/// A small URLSession client for the simulator.
struct TestClient: Sendable {
    let baseURL: URL
    var apiKey: String? = PlaneFixtures.botAPIKey

    static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 10
        return URLSession(configuration: configuration)
    }()

    /// `path` is below `/api/v1/` unless it starts with `/`.
    func send(
        _ method: String, _ path: String, json: SimJSON? = nil, body: Data? = nil, headers: [String: String] = [:]
    ) async throws -> HTTPResult {
        let full = path.hasPrefix("/") ? path : "/api/v1/" + path
        var request = URLRequest(url: URL(string: baseURL.absoluteString + full)!)
        request.httpMethod = method
        if let apiKey { request.setValue(apiKey, forHTTPHeaderField: "X-Api-Key") }
        if let json {
            request.httpBody = Data(json.rendered.utf8)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        } else if let body {
            request.httpBody = body
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await Self.perform(request)
        let http = response as! HTTPURLResponse
        var lowered: [String: String] = [:]
        for (key, value) in http.allHeaderFields {
            lowered["\(key)".lowercased()] = "\(value)"
        }
        return HTTPResult(status: http.statusCode, headers: lowered, body: data)
    }

    /// `dataTask` with a continuation (corelibs' async `data(for:)` misreports some responses).
    static func perform(_ request: URLRequest) async throws -> (Data, URLResponse) {
        try await withCheckedThrowingContinuation { continuation in
            session.dataTask(with: request) { data, response, error in
                if let error {
                    continuation.resume(throwing: error)
                } else if let response {
                    continuation.resume(returning: (data ?? Data(), response))
                } else {
                    continuation.resume(throwing: URLError(.badServerResponse))
                }
            }.resume()
        }
    }

    func get(_ path: String) async throws -> HTTPResult { try await send("GET", path) }
    func post(_ path: String, _ json: SimJSON) async throws -> HTTPResult { try await send("POST", path, json: json) }
    func patch(_ path: String, _ json: SimJSON) async throws -> HTTPResult { try await send("PATCH", path, json: json) }
    func delete(_ path: String) async throws -> HTTPResult { try await send("DELETE", path) }
}

/// Paths of the fixtures world.
enum Paths {
    static let nex = "workspaces/acme/projects/\(PlaneFixtures.nexusProjectID)/"
    static let ops = "workspaces/acme/projects/\(PlaneFixtures.opsProjectID)/"
    static let nexItems = nex + "work-items/"
    static func nexItem(_ id: String) -> String { nexItems + id + "/" }
}
