import Foundation
import PlaneAPI

/// One recorded request/response of a real Plane server from `fixtures/plane-samples/`.
struct PlaneSample {
    let name: String
    let method: String
    let path: String
    let status: Int
    let headers: [String: String]
    /// The response body re-serialised as JSON (`null` for a 204).
    let body: Data

    var response: PlaneHTTPResponse { PlaneHTTPResponse(status: status, headers: headers, body: body) }

    /// `fixtures/plane-samples` in the package root, found from this file's path.
    static var directory: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("fixtures/plane-samples")
    }

    static func all() throws -> [PlaneSample] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".json") }.sorted()
        return try names.map(load)
    }

    static func load(_ name: String) throws -> PlaneSample {
        let file = name.hasSuffix(".json") ? name : name + ".json"
        let data = try Data(contentsOf: directory.appendingPathComponent(file))
        let object = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) as! [String: Any]
        let request = object["request"] as! [String: Any]
        let body = object["body"] ?? NSNull()
        return PlaneSample(
            name: String(file.dropLast(5)), method: request["method"] as! String, path: request["path"] as! String,
            status: object["status"] as! Int, headers: object["headers"] as? [String: String] ?? [:],
            body: try JSONSerialization.data(withJSONObject: body, options: [.fragmentsAllowed]))
    }
}
