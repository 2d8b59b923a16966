/// The pacer's own sends in Plane's sliding window, as a pure value: when may the next request
/// go, given what this process sent, how long requests take to reach Plane, and how much of the
/// budget other clients of the key use. No clock, no I/O; ``PlanePacer`` drives it.
///
/// Plane counts a request when it *arrives*; a request granted at `t` arrives somewhere in
/// `[t, t + latency]`. So if at most `allowed` grants fall in any window of `period + latency`,
/// at most `allowed` arrivals fall in any window of `period`: with `allowed` below the limit,
/// no 429, however the requests bunch up on the way.
struct PlaneSendWindow: Sendable {
    let limit: PlaneRateLimit
    let capacity: Int
    /// Reserved send times, oldest first (future ones belong to requests waiting for them).
    private(set) var sends: [Duration] = []
    /// Grant-to-answer times seen lately, each capped at a quarter of the period.
    private var latencies: [(at: Duration, value: Duration)] = []
    /// Other clients' requests in the window, as last measured.
    private(set) var others = 0
    private var othersMeasuredAt: Duration = .zero
    private var nextSlot: Duration = .zero

    init(limit: PlaneRateLimit, capacity: Int) {
        self.limit = limit
        self.capacity = capacity
    }

    /// Requests per period left to this process.
    var allowed: Int { max(1, capacity - others) }

    /// The even spacing between requests at the current share.
    var interval: Duration { limit.period / allowed }

    private var maxLatency: Duration { limit.period / 4 }

    /// The longest grant-to-answer time seen in the last period (plus the cap): the requests still
    /// in the window may have taken that long to reach Plane.
    var latency: Duration { latencies.map(\.value).max() ?? .zero }

    /// Reserves the earliest send time at or after `now` that keeps both the spacing and the window.
    mutating func reserve(now: Duration) -> Duration {
        if others > 0, now - othersMeasuredAt > limit.period { others = 0 }
        let horizon = now - limit.period - maxLatency
        sends.removeAll { $0 <= horizon }
        let window = limit.period + latency
        var slot = max(now, nextSlot)
        let recent = sends.filter { $0 > slot - window }.sorted()
        if recent.count >= allowed {
            slot = max(slot, recent[recent.count - allowed] + window)
        }
        nextSlot = slot + interval
        insert(slot)
        return slot
    }

    /// Records a send outside the spacing (the probe after a 429).
    mutating func record(_ time: Duration) { insert(time) }

    /// Forgets a send Plane refused (a 429 is not counted in its window).
    mutating func release(_ slot: Duration) {
        if let index = sends.firstIndex(of: slot) { sends.remove(at: index) }
    }

    /// Restarts the spacing from `now` (after a successful probe).
    mutating func restart(at now: Duration) { nextSlot = now }

    /// Learns how long a request granted earlier took from grant to answer, seen at `now`.
    mutating func observe(latency observed: Duration, at now: Duration) {
        let horizon = now - limit.period - maxLatency
        latencies.removeAll { $0.at <= horizon }
        latencies.append((now, min(observed, maxLatency)))
    }

    /// Others' use = what Plane says is spent minus this process's sends in the last period.
    mutating func measureOthers(remaining: Int, now: Duration) {
        let spent = max(0, limit.requests - remaining)
        let mine = sends.filter { $0 > now - limit.period && $0 <= now }.count
        others = max(0, spent - mine)
        othersMeasuredAt = now
    }

    private mutating func insert(_ time: Duration) {
        let index = sends.lastIndex { $0 <= time }.map { $0 + 1 } ?? 0
        sends.insert(time, at: index)
    }
}
