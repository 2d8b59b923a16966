/// Paces every request sent with one API key, process-wide (get it from ``PlanePacerRegistry``).
///
/// Plane's throttle is a sliding window of `N` requests per period per key, shared with every
/// other client of that key. The pacer:
/// - spaces requests evenly at a fraction (``headroom``) of the limit, so it never bursts, and
///   never lets more than that share fall in one window widened by the observed latency
///   (see `PlaneSendWindow`), so requests that bunch up on the way still arrive under the limit;
/// - reads `X-RateLimit-Remaining` from each response, subtracts its own requests still in the
///   window, and treats the rest as other clients' use: the more they use, the wider the spacing;
/// - on a 429 stops everyone until `Retry-After` has passed, then lets exactly one probe request
///   through and holds the others until the probe has its answer: resume on success, wait again
///   on another 429. So one 429 never turns into a burst of them.
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
        let sentAt: Duration
        /// The send time reserved in the window (`sentAt` can be a little later).
        let slot: Duration
        /// Whether this request is the single probe after a 429.
        public let isProbe: Bool
        /// How long the caller waited for the budget.
        public let waited: Duration
    }

    private enum Mode {
        case normal
        case throttled(until: Duration)
        case probing
    }

    public let limit: PlaneRateLimit
    /// The share of the limit this process plans to use at most when alone (0.9).
    public let headroom: Double
    private let clock: any PlaneClock
    private var mode = Mode.normal
    private var window: PlaneSendWindow
    private var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
    private var nextWaiterID = 0

    public init(limit: PlaneRateLimit, clock: any PlaneClock = PlaneSystemClock(), headroom: Double = 0.9) {
        self.limit = limit
        self.clock = clock
        self.headroom = headroom
        window = PlaneSendWindow(
            limit: limit, capacity: max(1, Int((Double(limit.requests) * headroom).rounded(.down))))
    }

    /// The most this process sends per period when no one else uses the key.
    public var capacity: Int { window.capacity }

    /// The spacing used now: the period over the share of the budget left to this process.
    public var currentInterval: Duration { window.interval }

    /// The grant-to-answer time the window is widened by.
    public var observedLatency: Duration { window.latency }

    /// Waits until a request may be sent.
    /// - Throws: `CancellationError`.
    public func acquire() async throws -> Permit {
        let start = clock.now()
        while true {
            try Task.checkCancellation()
            let now = clock.now()
            switch mode {
            case .throttled(let until) where now < until:
                try await clock.sleep(until: until)
            case .throttled:
                mode = .probing
                window.record(now)
                return Permit(sentAt: now, slot: now, isProbe: true, waited: now - start)
            case .probing:
                try await waitForProbe()
            case .normal:
                let slot = window.reserve(now: now)
                if slot > now {
                    // A reservation abandoned here (throttled meanwhile, cancelled) stays counted:
                    // the window errs on the safe side.
                    try await clock.sleep(until: slot)
                    guard case .normal = mode else { continue }
                }
                let sentAt = clock.now()
                return Permit(sentAt: sentAt, slot: slot, isProbe: false, waited: sentAt - start)
            }
        }
    }

    /// Reports what became of a permitted request. Must be called once per permit.
    public func complete(_ permit: Permit, outcome: Outcome) {
        let now = clock.now()
        switch outcome {
        case .throttled(let retryAfter):
            window.release(permit.slot)
            window.observe(latency: now - permit.sentAt, at: now)
            let until = now + retryAfter
            if case .throttled(let current) = mode, current > until { break }
            mode = .throttled(until: until)
            wakeWaiters()
        case .response(let remaining):
            window.observe(latency: now - permit.sentAt, at: now)
            if let remaining { window.measureOthers(remaining: remaining, now: now) }
            // A 429 of an older request may have come in meanwhile: it wins over the probe's success.
            if permit.isProbe, case .probing = mode {
                mode = .normal
                window.restart(at: now)
                wakeWaiters()
            }
        case .noResponse:
            if permit.isProbe, case .probing = mode {
                mode = .throttled(until: now)
                wakeWaiters()
            }
        }
    }

    private func waitForProbe() async throws {
        let id = nextWaiterID
        nextWaiterID += 1
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                if Task.isCancelled {
                    continuation.resume()
                } else {
                    waiters[id] = continuation
                }
            }
        } onCancel: {
            Task { await self.cancelWaiter(id) }
        }
        try Task.checkCancellation()
    }

    private func cancelWaiter(_ id: Int) {
        waiters.removeValue(forKey: id)?.resume()
    }

    private func wakeWaiters() {
        let woken = waiters
        waiters = [:]
        for continuation in woken.values { continuation.resume() }
    }
}
