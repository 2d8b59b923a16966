import Logging

/// The simulated Plane server's state and request pipeline. One actor per simulator instance, so
/// every request sees a consistent world; handlers that must race (the external-pair create) suspend
/// between their check and their write, exactly where Plane has no lock.
actor SimulatorCore {
    let settings: Settings
    var seed: PlaneSeed
    var world: PlaneWorld
    var limiter: RateLimiter
    var faults: [FaultState] = []
    var random: SeededRandom
    var log: [PlaneSimulator.LoggedRequest] = []
    /// Bumped on reset so delayed `updated_at` bumps from before the reset are ignored.
    var generation = 0
    /// `updated_at` bumps scheduled and not yet applied (or dropped), so a test can wait for them to land.
    var pendingBumps = 0
    /// Posts the webhook deliveries of writes, off the request path.
    let webhooks: WebhookDispatcher

    struct Settings: Sendable {
        var timezone: PlaneTimezone
        var rate: String
        var bumpDelay: Duration
        var clock: SimulatorClock
        var maxBodyBytes: Int
        var adminToken: String?
        var faultSeed: UInt64
        var requestLogLimit: Int
        var externalPairConflict = true
        var externalPairRaceWindow: Duration = .microseconds(200)
        var webhook: WebhookTarget?
    }

    init(seed: PlaneSeed, settings: Settings) throws(SimulatorError) {
        guard let limiter = RateLimiter(rate: settings.rate) else {
            throw .configuration("rate limit must look like 60/minute")
        }
        self.settings = settings
        self.seed = seed
        self.world = try PlaneWorld(seed: seed, now: .now)
        self.limiter = limiter
        self.random = SeededRandom(seed: settings.faultSeed)
        self.webhooks = WebhookDispatcher(target: settings.webhook)
    }

    var tz: PlaneTimezone { settings.timezone }

    /// Runs one `/api/v1/` request through Plane's order of checks: URL → body size → authentication →
    /// permission → throttle → handler. Rate-limit headers go on every response after the throttle.
    func handle(_ request: SimRequest) async -> SimResponse {
        guard let route = PlaneRoute.match(request.path) else {
            if PlaneRoute.match(request.path + "/") != nil {
                return SimResponse(status: 301, headers: [("Location", request.path + "/")], body: nil)
            }
            return respond(.pageNotFound, allow: nil)
        }
        if request.bodyTooLarge {
            return .json(
                413,
                [
                    "error": "REQUEST_BODY_TOO_LARGE",
                    "detail": "The size of the request body exceeds the maximum allowed size.",
                ])
        }
        guard let key = request.headers["x-api-key"], !key.isEmpty else { return respond(.noCredentials, allow: route) }
        guard let userID = world.apiKeys[key] else { return respond(.badToken, allow: route) }
        if !isPermitted(route, method: request.method, userID: userID) { return respond(.forbidden, allow: route) }
        var headers: [(String, String)] = [("Allow", route.allow)]
        switch limiter.check(key: key, nowMicroseconds: settings.clock.epochMicroseconds) {
        case .throttled(let retryAfter):
            var response = respond(.throttled, allow: route)
            response.headers.append(("Retry-After", String(retryAfter)))
            return response
        case .allowed(let remaining, let reset):
            headers += [("X-RateLimit-Remaining", String(remaining)), ("X-RateLimit-Reset", String(reset))]
        }
        var response: SimResponse
        do {
            response = try await dispatch(route, request, userID: userID)
        } catch {
            response = .json(error.status, error.body)
        }
        response.headers = headers + response.headers
        return response
    }

    private func respond(_ error: PlaneError, allow route: PlaneRoute?) -> SimResponse {
        var response = SimResponse.json(error.status, error.body)
        if let route { response.headers.append(("Allow", route.allow)) }
        return response
    }

    private func dispatch(_ route: PlaneRoute, _ request: SimRequest, userID: String) async throws(PlaneError)
        -> SimResponse
    {
        let method = request.method
        switch (route, method) {
        case (.usersMe, "GET"):
            guard let user = world.users[userID] else { throw .forbidden }
            return .json(200, world.renderUserLite(user))
        case (.workspaceMembers, "GET"): return workspaceMembers()
        case (.projects, "GET"): return try listProjects(request, userID: userID)
        case (.projects, "POST"): return try createProject(request, userID: userID)
        case (.project(_, let projectID), "GET"): return try project(projectID, userID: userID)
        case (.states(_, let projectID), "GET"): return try listStates(projectID, request)
        case (.states(_, let projectID), "POST"): return try createState(projectID, request, userID: userID)
        case (.state(_, let projectID, let stateID), _): return try state(method, projectID, stateID, request)
        case (.labels(_, let projectID), "GET"): return try listLabels(projectID, request)
        case (.labels(_, let projectID), "POST"): return try createLabel(projectID, request, userID: userID)
        case (.label(_, let projectID, let labelID), _): return try label(method, projectID, labelID, request)
        case (.projectMembers(_, let projectID), "GET"): return projectMembers(projectID)
        case (.projectMember(_, let projectID, let membershipID), _):
            return try projectMember(method, projectID, membershipID, request)
        case (.workItems(_, let projectID), "GET"): return try listWorkItems(projectID, request)
        case (.workItems(_, let projectID), "POST"): return try await createWorkItem(projectID, request, userID: userID)
        case (.workItem(_, let projectID, let itemID), "GET"): return try getWorkItem(projectID, itemID, request)
        case (.workItem(_, let projectID, let itemID), "PATCH"):
            return try patchWorkItem(projectID, itemID, request, userID: userID)
        case (.workItem(_, let projectID, let itemID), "DELETE"):
            return try deleteWorkItem(projectID, itemID, userID: userID)
        case (.links(_, let projectID, let itemID), "GET"): return try listLinks(projectID, itemID, request)
        case (.links(_, let projectID, let itemID), "POST"):
            return try createLink(projectID, itemID, request, userID: userID)
        default:
            throw .methodNotAllowed(method)
        }
    }

    /// Parses a JSON request body the way DRF's JSONParser reports failures.
    func parseBody(_ request: SimRequest) throws(PlaneError) -> SimJSON {
        guard !request.body.isEmpty else { return .object([]) }
        do {
            return try SimJSONParser.parse(request.body)
        } catch {
            throw .detail(400, "JSON parse error - \(error.description)")
        }
    }
}
