import Essentials
import Synchronization

/// Paces every request sent with one API key, process-wide (get it from ``PlanePacerRegistry``): a request
/// goes at once while the key's budget above the reserve allows it, requests are spread evenly once the
/// window is full, and a 429 stops everyone until `Retry-After`, then lets one probe through. The rules
/// are a pure value (`PlanePaceRules`, where they are described); this actor only drives them: it asks
/// them what a caller should do, sleeps on the injected clock, and wakes callers when an answer comes.
public actor PlanePacer {
    /// What a request's sender reports back through ``complete(_:outcome:)``.
    public enum Outcome: Sendable {
        /// A response that was not a 429, with its `X-RateLimit-Remaining` when present.
        case response(remaining: Int?)
        /// A 429, with its `Retry-After`.
        case throttled(retryAfter: Duration)
        /// No response at all (network failure, cancellation).
        case noResponse
    }

    /// Leave to send one request; hand it back with ``complete(_:outcome:)``.
    public struct Permit: Sendable {
        let grant: PlanePaceRules.Grant
        /// Whether this request is the single probe after a 429.
        public var isProbe: Bool { grant.isProbe }
        /// Whether this request went alone to learn the key's budget (no fresh answer before it).
        public var isScout: Bool { grant.isScout }
        /// How long the caller waited for the budget.
        public let waited: Duration
    }

    /// The settings the pacer follows; ``PlanePacerRegistry`` updates them when a client of the key is
    /// configured differently (the integration's `rate_limit` or `rate_reserve` changed).
    struct Settings: Sendable, Equatable {
        var limit: PlaneRateLimit
        var reserveShare: Double
    }

    private var rules: PlanePaceRules
    private let settings: Mutex<Settings>
    private var applied: Settings
    private let time: ClockTimeline
    private var answerWaiters: [Int: CheckedContinuation<Void, Never>] = [:]
    private var nextWaiterID = 0

    /// - Parameters:
    ///   - limit: the key's budget, which this process never exceeds whatever Plane reports.
    ///   - reserve: the share of `limit` left to other clients of the key (0.05: 5 %, rounded up).
    ///   - clock: the clock every wait is measured and slept on.
    public init(
        limit: PlaneRateLimit, reserve: Double = PlaneClientConfiguration.defaultRateReserve, clock: any Clock<Duration>
    ) {
        let settings = Settings(limit: limit, reserveShare: reserve)
        self.settings = Mutex(settings)
        applied = settings
        rules = PlanePaceRules(limit: limit, reserve: PlanePaceRules.reserve(share: reserve, of: limit))
        time = ClockTimeline(clock)
    }

    /// The limit followed now.
    public var limit: PlaneRateLimit { rules.limit }

    /// Own requests per period at most: the limit less the reserve.
    public var capacity: Int { rules.cap }

    /// Requests per period left to other clients of the key.
    public var reserve: Int { rules.reserve }

    /// The spacing of requests once the window has been full.
    public var spacing: Duration { rules.spacing }

    /// Requests this process may send now without waiting.
    public var freeBudget: Int { rules.freeBudget(at: time.now()) }

    /// Callers waiting for the budget, an answer or the end of a 429's wait.
    public var waiting: Int { rules.waiting }

    /// The grant-to-answer time the window is widened by.
    public var observedLatency: Duration { rules.latency }

    nonisolated func update(_ wanted: Settings) {
        settings.withLock { $0 = wanted }
    }

    /// Waits until a request may be sent.
    /// - Throws: `CancellationError`.
    public func acquire() async throws -> Permit {
        let arrived = time.now()
        rules.enter()
        do {
            while true {
                try Task.checkCancellation()
                applySettings()
                switch rules.next(now: time.now(), arrivedAt: arrived) {
                case .send(let grant):
                    return Permit(grant: grant, waited: grant.at - arrived)
                case .sleep(let until):
                    try await time.sleep(until)
                case .awaitAnswer:
                    try await waitForAnswer()
                }
            }
        } catch {
            rules.leave()
            throw error
        }
    }

    /// Reports what became of a permitted request. Must be called once per permit.
    public func complete(_ permit: Permit, outcome: Outcome) {
        let now = time.now()
        switch outcome {
        case .response(let remaining): rules.answered(permit.grant, at: now, remaining: remaining)
        case .throttled(let retryAfter): rules.refused(permit.grant, at: now, retryAfter: retryAfter)
        case .noResponse: rules.unanswered(permit.grant, at: now)
        }
        let woken = answerWaiters
        answerWaiters = [:]
        for continuation in woken.values { continuation.resume() }
    }

    private func applySettings() {
        let wanted = settings.withLock { $0 }
        guard wanted != applied else { return }
        applied = wanted
        rules.configure(
            limit: wanted.limit, reserve: PlanePaceRules.reserve(share: wanted.reserveShare, of: wanted.limit))
    }

    private func waitForAnswer() async throws {
        let id = nextWaiterID
        nextWaiterID += 1
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                if Task.isCancelled {
                    continuation.resume()
                } else {
                    answerWaiters[id] = continuation
                }
            }
        } onCancel: {
            Task { await self.cancelWaiter(id) }
        }
        try Task.checkCancellation()
    }

    private func cancelWaiter(_ id: Int) {
        answerWaiters.removeValue(forKey: id)?.resume()
    }
}
