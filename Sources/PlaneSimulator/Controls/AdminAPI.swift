import Foundation

/// The `/_sim/` admin API for a simulator running as its own process. Every request needs the
/// `X-Sim-Admin-Token` header: missing → 401, wrong (or the API disabled) → 403. Routes in the README.
struct AdminAPI {
    let core: SimulatorCore
    let adminToken: String?

    func handle(_ request: SimRequest) async -> SimResponse {
        guard let sent = request.headers["x-sim-admin-token"], !sent.isEmpty else {
            return .json(401, ["detail": "X-Sim-Admin-Token header required."])
        }
        guard let adminToken, sent == adminToken else { return .json(403, ["detail": "Invalid admin token."]) }
        let parts = request.path.split(separator: "/").map(String.init)
        let body = (try? SimJSONParser.parse(request.body)) ?? .object([])
        do {
            return try await route(request.method, Array(parts.dropFirst()), body, request)
        } catch let error as SimulatorError {
            return .json(error.description.hasPrefix("not found") ? 404 : 400, ["detail": .string(error.description)])
        } catch {
            return .json(400, ["detail": .string("\(error)")])
        }
    }

    private func route(_ method: String, _ parts: [String], _ body: SimJSON, _ request: SimRequest) async throws
        -> SimResponse
    {
        if parts.first == "webhook" { return try await webhookRoute(method, Array(parts.dropFirst()), body) }
        if parts.first == "items", parts.count >= 2 {
            return try await itemRoute(method, Array(parts.dropFirst()), body)
        }
        switch (method, parts) {
        case ("POST", ["reset"]):
            try await core.reset()
            return SimResponse(status: 204)
        case ("GET", ["requests"]):
            return .json(200, ["requests": .array(await core.log.map(Self.render))])
        case ("DELETE", ["requests"]):
            await core.clearLog()
            return SimResponse(status: 204)
        case ("POST", ["faults"]):
            await core.addFault(try Self.faultRule(body))
            return SimResponse(status: 201)
        case ("DELETE", ["faults"]):
            await core.clearFaults()
            return SimResponse(status: 204)
        case ("GET", ["items"]):
            return .json(200, ["items": .array(await core.storedItemsJSON(projectID: request.queryValue("project")))])
        default:
            return .json(404, ["detail": "Unknown admin route."])
        }
    }

    /// `GET items/{id}`, `POST items/{id}/edit|archive|delete` with `{"actor": email, "changes": {...}}`.
    private func itemRoute(_ method: String, _ parts: [String], _ body: SimJSON) async throws -> SimResponse {
        let id = parts[0]
        let actor = body["actor"]?.stringValue ?? ""
        switch (method, parts.count > 1 ? parts[1] : "") {
        case ("GET", ""):
            guard let item = await core.storedItemJSON(id) else { throw SimulatorError.notFound("work item") }
            return .json(200, item)
        case ("POST", "edit"):
            return .json(200, try await core.editItemAsPerson(id, actorEmail: actor, changes: body["changes"] ?? [:]))
        case ("POST", "archive"):
            return .json(200, try await core.archiveItemAsPerson(id, actorEmail: actor))
        case ("POST", "delete"):
            try await core.deleteItemAsPerson(id, actorEmail: actor)
            return SimResponse(status: 204)
        default:
            return .json(404, ["detail": "Unknown admin route."])
        }
    }

    static func render(_ entry: PlaneSimulator.LoggedRequest) -> SimJSON {
        [
            "time": .double(entry.time.timeIntervalSince1970), "method": .string(entry.method),
            "path": .string(entry.pathAndQuery), "status": entry.status.map { .int($0) } ?? nil,
            "fault": .optional(entry.fault),
            "headers": .object(entry.headers.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) }),
        ]
    }

    /// `{"method", "path_prefix", "action": {"type": "status"|"delay"|"drop"|"apply_then_drop"|"rate_limited",
    /// "status", "body", "ms", "retry_after"}, "next": N | "fraction": F}`.
    static func faultRule(_ body: SimJSON) throws -> FaultRule {
        guard let prefix = body["path_prefix"]?.stringValue, let action = body["action"],
            let type = action["type"]?.stringValue
        else { throw SimulatorError.configuration("fault needs path_prefix and action.type") }
        let parsed: FaultRule.Action
        switch type {
        case "status": parsed = .status(action["status"]?.intValue ?? 500, body: action["body"])
        case "delay": parsed = .delay(.milliseconds(action["ms"]?.intValue ?? 0))
        case "drop": parsed = .dropConnection
        case "apply_then_drop": parsed = .applyThenDrop
        case "apply_then_delay": parsed = .applyThenDelay(.milliseconds(action["ms"]?.intValue ?? 0))
        case "rate_limited": parsed = .rateLimited(retryAfter: action["retry_after"]?.intValue ?? 1)
        default: throw SimulatorError.configuration("unknown fault action \(type)")
        }
        var selection = FaultRule.Selection.always
        if let next = body["next"]?.intValue { selection = .next(next) }
        if case .double(let fraction)? = body["fraction"] { selection = .fraction(fraction) }
        if case .int(let fraction)? = body["fraction"] { selection = .fraction(Double(fraction)) }
        return FaultRule(method: body["method"]?.stringValue, pathPrefix: prefix, action: parsed, selection: selection)
    }
}
