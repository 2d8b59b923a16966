/// The pacer's rules as a pure value: when may the next request of one API key go, given this process's
/// own sends, what Plane's answers said about the key's budget, and any 429. No clock, no I/O: times are
/// offsets on the pacer's clock, passed in; ``PlanePacer`` drives it (docs/architecture.md, "Rate budget").
///
/// Plane's throttle is a sliding window of `N` requests per period per key, shared with every other
/// client of the key (docs/plane-api.md §7). Each answer carries `X-RateLimit-Remaining`, what is left of
/// the window after that request; a 429 carries `Retry-After`, when the window's oldest request leaves it.
/// The rules:
/// - **Cap and reserve.** This process never has more than `cap = N − reserve` of its own requests in a
///   window, whatever Plane reports (`rate_limit` is the cap); the reserve is left to other clients.
/// - **The key's budget.** Each `Remaining`, less this process's own requests then in the window, is the
///   key's use by others (other clients, or an earlier process of ours), and `PlaneOthersEstimate` says
///   when those requests leave: a new process starts from the first answer's `Remaining` and waits only
///   for the slots it needs to free, instead of taking the last process's requests for another client's
///   steady rate. The free budget is `cap − own requests in the window − others still in it`.
/// - **At once, then spread.** While that budget is at least one request, a request goes at once: a no-op
///   or small sync never waits. Once a request has had to wait for it (the window is full), requests are
///   spread `period / cap` apart, so that the slots they take free evenly in the next window instead of in
///   one burst; when the window is full the next waits for its oldest request to leave it. The spreading
///   ends when a caller comes later than the spacing, with nobody else waiting and no burst of ours left in
///   the window.
/// - **Learning first.** With no fresh answer (a new process, or none within a period), one request goes
///   alone and the others wait for its answer.
/// - **429.** Everyone waits until `Retry-After` has passed, then exactly one probe goes alone; its
///   success resumes, another 429 waits again. So one 429 never turns into a burst of them.
///
/// Plane counts a request when it *arrives*; a request granted at `t` arrives in `[t, t + latency]`. Own
/// requests therefore stay counted until `t + period + latency`, latency being the longest grant-to-answer
/// time of the last period (capped at a quarter of the period).
struct PlanePaceRules: Sendable {
    /// What a caller should do next.
    enum Decision: Sendable, Equatable {
        /// Send now; the grant is recorded.
        case send(Grant)
        /// Ask again at this time.
        case sleep(until: Duration)
        /// Ask again after the next answer (the first request, or the probe after a 429, is in flight).
        case awaitAnswer
    }

    /// One granted request.
    struct Grant: Sendable, Hashable {
        let id: Int
        let at: Duration
        /// The single request sent after a 429 (`isProbe`) or with no fresh answer (`isScout`).
        let isProbe: Bool
        let isScout: Bool
    }

    /// The last answer that reported `X-RateLimit-Remaining`.
    struct Report: Sendable, Equatable {
        let grantedAt: Duration
        let answeredAt: Duration
        let remaining: Int
        /// Requests in Plane's window that were not this process's when the answer was given.
        let others: Int
    }

    private enum Mode: Sendable, Equatable {
        /// No fresh answer: one request learns the budget (`scout`, nil when none is in flight).
        case learning(scout: Int?)
        case normal
        case throttled(until: Duration)
        case probing(id: Int)
    }

    private(set) var limit: PlaneRateLimit
    /// Requests per period left to other clients of the key.
    private(set) var reserve: Int
    private(set) var report: Report?
    private(set) var others: PlaneOthersEstimate
    /// Whether the requests have been spread since the window was last full.
    private(set) var spreading = false
    /// Own grants, oldest first, kept while they may count in Plane's window (and a period more, to
    /// count them against a late answer).
    private(set) var sends: [Duration] = []
    private var latencies: [(at: Duration, value: Duration)] = []
    private var mode = Mode.learning(scout: nil)
    private var lastGrant: Duration?
    private var nextID = 0
    /// Callers between ``enter()`` and their grant (or ``leave()``).
    private(set) var waiting = 0

    init(limit: PlaneRateLimit, reserve: Int) {
        self.limit = limit
        self.reserve = Self.clampedReserve(reserve, limit: limit)
        others = PlaneOthersEstimate(period: limit.period)
    }

    /// The reserve for a share of the limit (`0.05`: 5 %), rounded up, leaving this process at least one.
    static func reserve(share: Double, of limit: PlaneRateLimit) -> Int {
        clampedReserve(Int((Double(limit.requests) * max(0, share)).rounded(.up)), limit: limit)
    }

    private static func clampedReserve(_ reserve: Int, limit: PlaneRateLimit) -> Int {
        min(max(0, reserve), limit.requests - 1)
    }

    /// Own requests per period at most.
    var cap: Int { limit.requests - reserve }

    /// The spacing while spreading.
    var spacing: Duration { limit.period / cap }

    /// The longest grant-to-answer time seen in the last period, capped at a quarter of the period.
    var latency: Duration { latencies.map(\.value).max() ?? .zero }

    /// Takes a new limit or reserve (the integration's settings changed); the window so far is kept.
    mutating func configure(limit: PlaneRateLimit, reserve: Int) {
        if limit.period != self.limit.period { others = PlaneOthersEstimate(period: limit.period) }
        self.limit = limit
        self.reserve = Self.clampedReserve(reserve, limit: limit)
    }

    /// A caller starts asking.
    mutating func enter() { waiting += 1 }

    /// A caller gives up before its grant (cancelled).
    mutating func leave() { waiting = max(0, waiting - 1) }

    /// What the caller that arrived at `arrivedAt` should do at `now`.
    mutating func next(now: Duration, arrivedAt: Duration) -> Decision {
        forgetOld(now: now)
        if spreading, waiting <= 1, let lastGrant, arrivedAt > lastGrant + spacing, !holdsBurst(at: now) {
            // This caller came later than the spacing, nobody else waits, and no burst of ours is left to free
            // its slots at once: demand fell below the spread rate.
            spreading = false
        }
        switch mode {
        case .learning(.some):
            return .awaitAnswer
        case .learning(nil):
            if spreading, let lastGrant, now < lastGrant + spacing { return .sleep(until: lastGrant + spacing) }
            let grant = record(now, probe: false, scout: true)
            mode = .learning(scout: grant.id)
            return .send(grant)
        case .throttled(let until) where now < until:
            return .sleep(until: until)
        case .throttled:
            let grant = record(now, probe: true, scout: false)
            mode = .probing(id: grant.id)
            return .send(grant)
        case .probing:
            return .awaitAnswer
        case .normal:
            break
        }
        if let report, now >= report.answeredAt + limit.period {
            // The answer is a period old: it says nothing of the window now.
            self.report = nil
            others.forget()
            mode = .learning(scout: nil)
            return next(now: now, arrivedAt: arrivedAt)
        }
        var earliest = now
        if spreading, let lastGrant { earliest = max(earliest, lastGrant + spacing) }
        let free = freeBudget(at: earliest)
        if free < 1 {
            spreading = true
            return .sleep(until: firstFree(after: earliest))
        }
        if earliest > now { return .sleep(until: earliest) }
        return .send(record(now, probe: false, scout: false))
    }

    /// The request of `grant` got an answer other than a 429, at `now`, with its `X-RateLimit-Remaining`.
    mutating func answered(_ grant: Grant, at now: Duration, remaining: Int?) {
        observe(latency: now - grant.at, at: now)
        if let remaining, report.map({ grant.at >= $0.grantedAt }) ?? true {
            let mine = sends.filter { $0 > grant.at - limit.period && $0 <= grant.at }.count
            let othersNow = max(0, limit.requests - remaining - mine)
            report = Report(grantedAt: grant.at, answeredAt: now, remaining: remaining, others: othersNow)
            others.report(othersNow, at: now)
        }
        switch mode {
        case .learning(let scout) where scout == grant.id || remaining != nil:
            // Without X-RateLimit-Remaining (not Plane, or a proxy that drops it) only the cap applies.
            mode = .normal
        case .probing(let id) where id == grant.id:
            // Plane refused a request a moment ago: the window was full, so spread from here.
            mode = .normal
            spreading = true
            lastGrant = now
        default:
            break
        }
    }

    /// The request of `grant` got a 429 at `now`: Plane did not count it, and frees a slot after `retryAfter`.
    mutating func refused(_ grant: Grant, at now: Duration, retryAfter: Duration) {
        if let index = sends.firstIndex(of: grant.at) { sends.remove(at: index) }
        observe(latency: now - grant.at, at: now)
        spreading = true
        let until = now + retryAfter
        // A later 429 of an older request never shortens the wait, and outranks a probe's success.
        if case .throttled(let current) = mode, current > until { return }
        mode = .throttled(until: until)
    }

    /// The request of `grant` got no answer (network failure, cancellation): it stays counted, as Plane may
    /// have seen it; a scout or probe without an answer hands its part to the next request.
    mutating func unanswered(_ grant: Grant, at now: Duration) {
        switch mode {
        case .learning(let scout) where scout == grant.id:
            mode = .learning(scout: nil)
        case .probing(let id) where id == grant.id:
            mode = .throttled(until: now)
        default:
            break
        }
    }

    /// Requests this process may still send at `time` without passing its cap or the others' estimated use.
    func freeBudget(at time: Duration) -> Int {
        cap - own(at: time) - others.count(at: time)
    }

    /// Own requests that may still count in Plane's window at `time`.
    func own(at time: Duration) -> Int {
        let horizon = time - limit.period - latency
        return sends.count - (sends.lastIndex { $0 <= horizon }.map { $0 + 1 } ?? 0)
    }

    /// Whether two own requests still in the window at `time` went closer together than half the spacing.
    func holdsBurst(at time: Duration) -> Bool {
        let horizon = time - limit.period - latency
        let inWindow = sends.drop { $0 <= horizon }
        return zip(inWindow, inWindow.dropFirst()).contains { $1 - $0 < spacing / 2 }
    }

    /// The first time after `time` with a free request, by bisection to the millisecond: own requests and
    /// the others already seen only leave as time passes (an active client's expected arrivals make it an
    /// estimate, checked again on waking). No later than the last answer's staleness, when the next request
    /// learns the budget afresh, nor than when every current request has left.
    private func firstFree(after time: Duration) -> Duration {
        var low = time
        var high = time + limit.period * 2 + latency
        if let report { high = max(time, min(high, report.answeredAt + limit.period)) }
        while high - low > .milliseconds(1) {
            let middle = low + (high - low) / 2
            if freeBudget(at: middle) >= 1 { high = middle } else { low = middle }
        }
        return high
    }

    private mutating func record(_ now: Duration, probe: Bool, scout: Bool) -> Grant {
        waiting = max(0, waiting - 1)
        nextID += 1
        let index = sends.lastIndex { $0 <= now }.map { $0 + 1 } ?? 0
        sends.insert(now, at: index)
        lastGrant = now
        return Grant(id: nextID, at: now, isProbe: probe, isScout: scout)
    }

    private mutating func observe(latency observed: Duration, at now: Duration) {
        latencies.append((now, min(observed, limit.period / 4)))
    }

    private mutating func forgetOld(now: Duration) {
        let horizon = now - limit.period * 2 - limit.period / 4
        sends.removeAll { $0 <= horizon }
        latencies.removeAll { $0.at <= now - limit.period - limit.period / 4 }
    }
}
