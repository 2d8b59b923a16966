import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The Hummingbird responder: turns HTTP into ``SimRequest``s, applies injected faults, logs, and
/// sends `/_sim/` requests to the admin API.
struct SimulatorResponder: HTTPResponder {
    let core: SimulatorCore
    let maxBodyBytes: Int
    let adminToken: String?

    struct DroppedConnection: Error {}

    func respond(to request: Request, context: BasicRequestContext) async throws -> Response {
        var simRequest = SimRequest(
            method: request.method.rawValue, path: request.uri.path, query: Self.query(request.uri.query),
            headers: Self.headers(request.headers), body: [], rawQuery: request.uri.query)
        do {
            let buffer = try await request.body.collect(upTo: maxBodyBytes)
            simRequest.body = Array(buffer.readableBytesView)
        } catch {
            simRequest.bodyTooLarge = true
        }
        if simRequest.path.hasPrefix("/_sim/") {
            let admin = AdminAPI(core: core, adminToken: adminToken)
            return Self.response(await admin.handle(simRequest))
        }
        switch await core.fault(method: simRequest.method, path: simRequest.path) {
        case .status(let status, let body)?:
            let response = SimResponse(status: status, body: body ?? FaultRule.defaultBody(status))
            await core.record(simRequest, status: status, fault: "status")
            return Self.response(response)
        case .rateLimited(let retryAfter)?:
            let response = SimResponse(
                status: 429, headers: [("Retry-After", String(retryAfter))], body: PlaneError.throttled.body)
            await core.record(simRequest, status: 429, fault: "429")
            return Self.response(response)
        case .dropConnection?:
            await core.record(simRequest, status: nil, fault: "drop")
            return drop(status: 502)
        case .applyThenDrop?:
            let applied = await core.handle(simRequest)
            await core.record(simRequest, status: nil, fault: "apply-then-drop")
            return drop(status: applied.status)
        case .applyThenDelay(let duration)?:
            let response = await core.handle(simRequest)
            await core.record(simRequest, status: response.status, fault: "apply-then-delay")
            try await core.settings.clock.sleep(for: duration)
            return Self.response(response)
        case .delay(let duration)?:
            try await core.settings.clock.sleep(for: duration)
            let response = await core.handle(simRequest)
            await core.record(simRequest, status: response.status, fault: "delay")
            return Self.response(response)
        case nil:
            let response = await core.handle(simRequest)
            await core.record(simRequest, status: response.status, fault: nil)
            return Self.response(response)
        }
    }

    /// Sends the status line, headers and the first bytes of the body, then fails the body write, so
    /// Hummingbird closes the connection mid-response (not a 500). Closing before the status line would
    /// make libcurl silently resend the request on a reused connection.
    private func drop(status: Int) -> Response {
        Response(
            status: HTTPResponse.Status(code: status),
            headers: [.contentType: "application/json", .contentLength: "64"],
            body: ResponseBody(contentLength: 64) { writer in
                try await writer.write(ByteBuffer(string: "{\""))
                throw DroppedConnection()
            })
    }

    static func response(_ response: SimResponse) -> Response {
        var fields = HTTPFields()
        if response.body != nil { fields[.contentType] = "application/json" }
        for (name, value) in response.headers {
            if let fieldName = HTTPField.Name(name) { fields.append(HTTPField(name: fieldName, value: value)) }
        }
        let status = HTTPResponse.Status(code: response.status)
        guard let body = response.body else { return Response(status: status, headers: fields) }
        return Response(
            status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(string: body.rendered)))
    }

    static func headers(_ fields: HTTPFields) -> [String: String] {
        var headers: [String: String] = [:]
        for field in fields { headers[field.name.canonicalName] = field.value }
        return headers
    }

    /// Splits and percent-decodes a query string (`+` is a space, as Django reads it).
    static func query(_ query: String?) -> [(String, String)] {
        guard let query, !query.isEmpty else { return [] }
        return query.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (text: Substring) in
                String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(text)
            }
            return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
        }
    }
}
