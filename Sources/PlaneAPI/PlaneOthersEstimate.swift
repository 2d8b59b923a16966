/// The key's requests in Plane's window that are not this process's ("others": other clients of the key, or
/// an earlier process of ours), as `X-RateLimit-Remaining` reveals them, and when they are expected to
/// leave. A pure value; ``PlanePaceRules`` keeps one.
///
/// Plane reports only how many requests its window holds, never when they came. So:
/// - the others already in the window when this process first hears of them are taken to be spread over the
///   last period (a previous process's paced requests are), and to leave evenly over the next one: a new
///   process waits only as long as their slots take to free, not a whole window;
/// - others that appear later (a report shows at least one more than expected) came since the previous
///   report: they leave evenly between a period after that report and a period after this one, and they
///   are an active client's arrivals: at the rate they came over the last period, more are expected to have
///   come since the last report. An active client thus keeps its share while this process waits for a slot,
///   and nothing is taken to leave before it can;
/// - at least one fewer than expected means more have left: the oldest expectations are dropped first.
///   (Counts are whole requests and expectations are not: a difference under one is noise.)
struct PlaneOthersEstimate: Sendable {
    /// Requests expected to leave evenly over `[from, until]`.
    struct Group: Sendable, Equatable {
        var count: Double
        let from: Duration
        let until: Duration

        func left(at time: Duration) -> Double {
            if time <= from { return count }
            if time >= until { return 0 }
            return count * ((until - time) / (until - from))
        }
    }

    let period: Duration
    private(set) var groups: [Group] = []
    private(set) var reportedAt: Duration?
    /// Arrivals seen in reports of the last period, and when.
    private(set) var arrivals: [(at: Duration, count: Double)] = []
    /// Others' requests arriving per second, from ``arrivals``.
    private(set) var arrivalRate = 0.0
    private var firstReportAt: Duration?

    init(period: Duration) {
        self.period = period
    }

    /// Others' requests expected in the window at `time`, rounded up.
    func count(at time: Duration) -> Int {
        let left = groups.reduce(0) { $0 + $1.left(at: time) }
        let since = reportedAt.map { max(.zero, time - $0) / .seconds(1) } ?? 0
        return Int((left + arrivalRate * since - 1e-9).rounded(.up))
    }

    /// Learns that Plane's window held `count` requests of others when answering at `time`.
    mutating func report(_ count: Int, at time: Duration) {
        groups = groups.filter { $0.left(at: time) > 0 }
        arrivals.removeAll { $0.at <= time - period }
        let expected = groups.reduce(0) { $0 + $1.left(at: time) }
        let observed = Double(max(0, count))
        if let previous = reportedAt, time < previous + period {
            if observed >= expected + 1 {
                groups.append(Group(count: observed - expected, from: previous + period, until: time + period))
                arrivals.append((time, observed - expected))
            } else if observed <= expected - 1 {
                drop(expected - observed, at: time)
            }
        } else {
            groups = observed > 0 ? [Group(count: observed, from: time, until: time + period)] : []
            arrivals = []
            firstReportAt = time
        }
        reportedAt = time
        // Over the time the reports cover (at most a period, at least a tenth of one, so one early arrival
        // does not read as a flood).
        let covered = max(min(time - (firstReportAt ?? time), period), period / 10) / .seconds(1)
        arrivalRate = arrivals.reduce(0) { $0 + $1.count } / covered
    }

    /// Forgets everything (no answer for a period: nothing is known of the window now).
    mutating func forget() {
        groups = []
        arrivals = []
        arrivalRate = 0
        reportedAt = nil
        firstReportAt = nil
    }

    /// Removes `surplus` expected requests, from the groups that were to leave first.
    private mutating func drop(_ surplus: Double, at time: Duration) {
        var surplus = surplus
        groups.sort { $0.until < $1.until }
        for index in groups.indices where surplus > 0 {
            let left = groups[index].left(at: time)
            let removed = min(left, surplus)
            // Scale the group so that it holds `left - removed` at `time`, leaving at the same pace.
            groups[index].count *= left > 0 ? (left - removed) / left : 0
            surplus -= removed
        }
        groups.removeAll { $0.count <= 1e-9 }
    }
}
