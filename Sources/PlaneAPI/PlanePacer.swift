/// Paces every request sent with one API key, process-wide (get it from ``PlanePacerRegistry``).
///
/// Plane's throttle is a sliding window of `N` requests per period per key, shared with every
/// other client of that key. The pacer:
/// - spaces requests evenly at a fraction (``headroom``) of the limit, so it never bursts;
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
    private var nextSlot: Duration = .zero
    private var ownSends: [Duration] = []
    private var othersInWindow = 0
    private var othersMeasuredAt: Duration = .zero
    private var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
    private var nextWaiterID = 0

    public init(limit: PlaneRateLimit, clock: any PlaneClock = PlaneSystemClock(), headroom: Double = 0.9) {
        self.limit = limit
        self.clock = clock
        self.headroom = headroom
    }

    /// The most this process sends per period when no one else uses the key.
    public var capacity: Int {
        max(1, Int((Double(limit.requests) * headroom).rounded(.down)))
    }

    /// The spacing used now: the period over the share of the budget left to this process.
    public var currentInterval: Duration {
        limit.period / max(1, capacity - othersInWindow)
    }

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
                return grant(start: start, now: now, isProbe: true)
            case .probing:
                try await waitForProbe()
            case .normal:
                forgetStaleEstimate(now: now)
                let slot = max(now, nextSlot)
                nextSlot = slot + currentInterval
                if slot > now {
                    try await clock.sleep(until: slot)
                    guard case .normal = mode else { continue }
                }
                return grant(start: start, now: clock.now(), isProbe: false)
            }
        }
    }

    /// Reports what became of a permitted request. Must be called once per permit.
    public func complete(_ permit: Permit, outcome: Outcome) {
        let now = clock.now()
        switch outcome {
        case .throttled(let retryAfter):
            if let index = ownSends.firstIndex(of: permit.sentAt) { ownSends.remove(at: index) }
            let until = now + retryAfter
            if case .throttled(let current) = mode, current > until { break }
            mode = .throttled(until: until)
            wakeWaiters()
        case .response(let remaining):
            if let remaining { measureOthers(remaining: remaining, now: now) }
            // A 429 of an older request may have come in meanwhile: it wins over the probe's success.
            if permit.isProbe, case .probing = mode {
                mode = .normal
                nextSlot = now
                wakeWaiters()
            }
        case .noResponse:
            if permit.isProbe, case .probing = mode {
                mode = .throttled(until: now)
                wakeWaiters()
            }
        }
    }

    private func grant(start: Duration, now: Duration, isProbe: Bool) -> Permit {
        ownSends.removeAll { $0 <= now - limit.period }
        ownSends.append(now)
        return Permit(sentAt: now, isProbe: isProbe, waited: now - start)
    }

    /// Others' use = what Plane says is spent minus what this process sent in the window.
    private func measureOthers(remaining: Int, now: Duration) {
        ownSends.removeAll { $0 <= now - limit.period }
        let spent = max(0, limit.requests - remaining)
        othersInWindow = max(0, spent - ownSends.count)
        othersMeasuredAt = now
    }

    /// An estimate older than a whole window says nothing about the current one.
    private func forgetStaleEstimate(now: Duration) {
        if othersInWindow > 0, now - othersMeasuredAt > limit.period { othersInWindow = 0 }
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
