import Synchronization
import TestClocks

@testable import PlaneAPI

/// Plane's throttle as docs/plane-api.md §7 states it, to drive the pacer's rules without a server: a sliding
/// window of the key's arrival times; a refused request is not counted.
struct PlaneWindowModel {
    let limit: Int
    let period: Duration
    var arrivals: [Duration] = []

    /// `X-RateLimit-Remaining` after a request arriving at `time`, or nil for a 429.
    mutating func arrive(at time: Duration) -> Int? {
        arrivals.removeAll { $0 <= time - period }
        guard arrivals.count < limit else { return nil }
        arrivals.append(time)
        return limit - arrivals.count
    }

    /// Another client's requests (or an earlier process's), `count` of them evenly over the period before `time`.
    mutating func fill(_ count: Int, before time: Duration) {
        for index in 0..<count { arrivals.append(time - period + period * (Double(index + 1) / Double(count + 1))) }
    }

    /// `Retry-After` of a 429 at `time`: until the oldest request leaves the window, rounded up to seconds.
    func retryAfter(at time: Duration) -> Duration {
        guard let oldest = arrivals.first else { return .zero }
        return .seconds(((oldest + period - time) / .seconds(1)).rounded(.up))
    }

    /// Requests in the window at `time` (after the ones that left).
    func used(at time: Duration) -> Int { arrivals.filter { $0 > time - period && $0 <= time }.count }
}

/// Asks `rules` for one request until they grant it, moving `now` through their sleeps and calling
/// `whileWaiting` after each move (a serial caller: it never has a request in flight while it asks).
func nextGrant(
    _ rules: inout PlanePaceRules, now: inout Duration, whileWaiting: (Duration) -> Void = { _ in }
) -> PlanePaceRules.Grant {
    rules.enter()
    let arrived = now
    while true {
        switch rules.next(now: now, arrivedAt: arrived) {
        case .send(let grant): return grant
        case .sleep(let until): now = until
        case .awaitAnswer: preconditionFailure("a serial caller has nothing in flight to wait for")
        }
        whileWaiting(now)
    }
}

/// One caller that sends `count` requests one after another through `rules`, each answered by `plane` after
/// `latency`, coming back `think` after each answer. Returns the send times and the 429s.
func driveSerially(
    _ rules: inout PlanePaceRules, _ plane: inout PlaneWindowModel, count: Int, from start: Duration,
    latency: Duration = .milliseconds(10), think: Duration = .zero
) -> (sends: [Duration], refused: Int, end: Duration) {
    var now = start
    var sends: [Duration] = []
    var refused = 0
    while sends.count < count {
        let grant = nextGrant(&rules, now: &now)
        let remaining = plane.arrive(at: now)
        let retryAfter = plane.retryAfter(at: now)
        now += latency
        if let remaining {
            rules.answered(grant, at: now, remaining: remaining)
            sends.append(grant.at)
        } else {
            refused += 1
            rules.refused(grant, at: now, retryAfter: retryAfter)
        }
        now += think
    }
    return (sends, refused, now)
}

/// The most requests among `times` in any window of `length`.
func busiest(_ times: [Duration], window length: Duration) -> Int {
    let sorted = times.sorted()
    return sorted.indices.map { index in sorted[index...].prefix { $0 < sorted[index] + length }.count }.max() ?? 0
}

/// A transport that answers like Plane's throttle on a test clock: 200 with `X-RateLimit-Remaining`, or
/// 429 with `Retry-After`, from a ``PlaneWindowModel``.
final class WindowTransport: HTTPTransport {
    private let model: Mutex<(window: PlaneWindowModel, times: [Duration], refused: Int)>
    private let clock: ManualClock

    init(limit: Int, period: Duration, clock: ManualClock) {
        model = Mutex((PlaneWindowModel(limit: limit, period: period), [], 0))
        self.clock = clock
    }

    /// When each accepted request arrived, on the clock.
    var accepted: [Duration] { model.withLock { $0.times } }
    var refused: Int { model.withLock { $0.refused } }

    /// Another client's (or an earlier process's) requests in the window, spread over the last period.
    func fill(_ count: Int) {
        let now = clock.elapsed
        model.withLock { $0.window.fill(count, before: now) }
    }

    func send(_ request: PlaneHTTPRequest, timeout: Duration) async throws -> PlaneHTTPResponse {
        let now = clock.elapsed
        let response = model.withLock { model -> PlaneHTTPResponse in
            if let remaining = model.window.arrive(at: now) {
                model.times.append(now)
                return .json(200, #"{"id": "u"}"#, headers: ["X-RateLimit-Remaining": "\(remaining)"])
            }
            model.refused += 1
            let wait = model.window.retryAfter(at: now) / .seconds(1)
            return .json(429, "{}", headers: ["Retry-After": "\(Int(wait))"])
        }
        await Task.yield()
        return response
    }
}
