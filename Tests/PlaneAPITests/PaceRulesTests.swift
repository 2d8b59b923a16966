import Testing

@testable import PlaneAPI

/// The pacer's rules as a pure value, driven against a model of Plane's window (docs/plane-api.md §7).
@Suite struct PaceRulesTests {
    private let minute = PlaneRateLimit.planeDefault
    private let start = Duration.seconds(1000)

    private func rules(_ limit: PlaneRateLimit = .planeDefault, share: Double = 0.05) -> PlanePaceRules {
        PlanePaceRules(limit: limit, reserve: PlanePaceRules.reserve(share: share, of: limit))
    }

    /// Grants one request at `now` (the rules must allow it) and answers it at once.
    private func sendAndAnswer(_ rules: inout PlanePaceRules, at now: Duration, remaining: Int?) {
        rules.enter()
        guard case .send(let grant) = rules.next(now: now, arrivedAt: now) else {
            Issue.record("expected a send at \(now)")
            return
        }
        rules.answered(grant, at: now, remaining: remaining)
    }

    @Test func theReserveIsAShareOfTheLimitRoundedUpAndLeavesOneRequest() {
        #expect(rules().reserve == 3)
        #expect(rules().cap == 57)
        #expect(rules(PlaneRateLimit(requests: 20, period: .seconds(1))).reserve == 1)
        #expect(rules(PlaneRateLimit(requests: 1, period: .seconds(1))).cap == 1)
        #expect(rules(share: 0).cap == 60)
        #expect(rules(share: 2).cap == 1)
        #expect(rules().spacing == .seconds(60) / 57)
    }

    @Test func theFirstRequestGoesAloneAndTheOthersWaitForItsAnswer() {
        var rules = rules()
        rules.enter()
        guard case .send(let scout) = rules.next(now: start, arrivedAt: start) else {
            Issue.record("the first request should go")
            return
        }
        #expect(scout.isScout)
        rules.enter()
        #expect(rules.next(now: start, arrivedAt: start) == .awaitAnswer)
        rules.answered(scout, at: start, remaining: 59)
        guard case .send(let second) = rules.next(now: start, arrivedAt: start) else {
            Issue.record("after the answer the budget is known: the next goes at once")
            return
        }
        #expect(!second.isScout)
    }

    @Test func aFreshWindowIsSpentAtOnceDownToTheReserve() {
        var rules = rules()
        var plane = PlaneWindowModel(limit: 60, period: .seconds(60))
        let run = driveSerially(&rules, &plane, count: 57, from: start, latency: .zero)
        #expect(run.sends.allSatisfy { $0 == start }, "a small sync never waits")
        rules.enter()
        guard case .sleep(let until) = rules.next(now: start, arrivedAt: start) else {
            Issue.record("the 58th request must wait: the rest is the reserve")
            return
        }
        // When the window is full the next waits for its oldest request to leave it.
        #expect(until >= start + .seconds(60))
        #expect(until <= start + .seconds(60) + .milliseconds(1))
        #expect(plane.used(at: start) == 57)
    }

    @Test func rateLimitCapsWhateverPlaneReports() {
        var rules = rules()
        sendAndAnswer(&rules, at: start, remaining: 999)
        var sent = 1
        while true {
            rules.enter()
            guard case .send(let grant) = rules.next(now: start, arrivedAt: start) else { break }
            rules.answered(grant, at: start, remaining: 999 - sent)
            sent += 1
        }
        #expect(sent == 57)
    }

    @Test func afterTheFirstWindowRequestsAreSpreadEvenlyAndNeverOverTheCap() {
        var rules = rules()
        var plane = PlaneWindowModel(limit: 60, period: .seconds(60))
        let run = driveSerially(&rules, &plane, count: 57 * 5, from: start, latency: .milliseconds(30))
        #expect(run.refused == 0)
        #expect(busiest(run.sends, window: .seconds(60)) <= 57)
        // From the second window on, slots free evenly: no two requests closer than the spacing allows.
        let later = run.sends.filter { $0 >= start + .seconds(60) }
        let gaps = zip(later.dropFirst(), later).map { $0 - $1 }
        #expect(gaps.allSatisfy { $0 >= rules.spacing - .milliseconds(1) }, "a burst after the first window")
        #expect(busiest(later, window: .seconds(10)) <= 10)
        // ... and the cap is used: 57 a minute less the widening by latency.
        let steady = Double(later.count - 1) / ((later.last! - later.first!) / .seconds(60))
        #expect(steady >= 0.94 * 60)
    }

    @Test func aNewProcessStartsFromTheFirstAnswerNotFromTheLastProcessesRequests() {
        // The previous process spread 57 requests over the last minute and exited.
        var plane = PlaneWindowModel(limit: 60, period: .seconds(60))
        plane.fill(57, before: start)
        var rules = rules()
        let run = driveSerially(&rules, &plane, count: 12, from: start)
        #expect(run.refused == 0)
        // Their slots free about one a second: twelve requests within 15 s, not a minute.
        #expect(run.end - start <= .seconds(15))
        #expect(run.end - start >= .seconds(9), "the rules must wait for the previous process's requests to leave")
        #expect(busiest(plane.arrivals, window: .seconds(60)) <= 60)
    }

    @Test func othersUseOfTheKeyLeavesLessBudget() {
        var rules = rules()
        // Our scout, answered: 20 requests of another client are in the window.
        sendAndAnswer(&rules, at: start, remaining: 39)
        #expect(rules.report?.others == 20)
        #expect(rules.freeBudget(at: start) == 57 - 1 - 20)
        // Already there when this process first heard of them: they leave evenly over the next period.
        #expect(rules.others.count(at: start + .seconds(30)) == 10)
        #expect(rules.others.count(at: start + .seconds(60)) == 0)
    }

    @Test func nextToAnEvenClientTheKeyIsSharedWithoutA429OfOurs() {
        var plane = PlaneWindowModel(limit: 60, period: .seconds(60))
        var rules = rules()
        var now = start
        var ours: [Duration] = []
        var othersRefused: [Duration] = []
        // Another client sends every 3 s (20 a minute) while we send 200 requests one after another.
        var nextOther = start
        func otherArrives(upTo time: Duration) {
            while nextOther <= time {
                if plane.arrive(at: nextOther) == nil { othersRefused.append(nextOther - start) }
                nextOther += .seconds(3)
            }
        }
        while ours.count < 200 {
            let grant = nextGrant(&rules, now: &now, whileWaiting: otherArrives)
            otherArrives(upTo: now)
            let remaining = plane.arrive(at: now)
            #expect(remaining != nil, "429 at \(now - start)")
            rules.answered(grant, at: now, remaining: remaining)
            ours.append(now)
        }
        // The first window went to us at once, before the other client showed; after it, the other keeps its
        // share (a slot lost at most while our requests of the first window leave).
        #expect(othersRefused.filter { $0 >= .seconds(60) }.count <= 1, "\(othersRefused)")
        // Two minutes of the steady state: 60 less the reserve less the other's 20, a minute.
        let steady = ours.filter { $0 >= start + .seconds(120) && $0 < start + .seconds(240) }
        #expect(steady.count >= 2 * 33 && steady.count <= 2 * 37 + 1, "\(steady.count) in two minutes")
    }

    @Test func a429StopsEveryoneUntilRetryAfterThenOneProbeGoesAlone() {
        var rules = rules()
        sendAndAnswer(&rules, at: start, remaining: 50)
        rules.enter()
        guard case .send(let refused) = rules.next(now: start, arrivedAt: start) else { return }
        rules.refused(refused, at: start, retryAfter: .seconds(7))
        #expect(rules.own(at: start) == 1, "Plane does not count a refused request")
        rules.enter()
        #expect(rules.next(now: start + .seconds(1), arrivedAt: start) == .sleep(until: start + .seconds(7)))
        guard case .send(let probe) = rules.next(now: start + .seconds(7), arrivedAt: start) else {
            Issue.record("the probe goes once Retry-After has passed")
            return
        }
        #expect(probe.isProbe)
        rules.enter()
        #expect(rules.next(now: start + .seconds(7), arrivedAt: start + .seconds(7)) == .awaitAnswer)
        rules.answered(probe, at: start + .seconds(7), remaining: 40)
        #expect(rules.spreading)
        #expect(
            rules.next(now: start + .seconds(7), arrivedAt: start + .seconds(7))
                == .sleep(until: start + .seconds(7) + rules.spacing))
    }

    @Test func aLater429NeverShortensTheWaitAndAProbeWithoutAnswerHandsOn() {
        var rules = rules()
        sendAndAnswer(&rules, at: start, remaining: 50)
        rules.enter()
        guard case .send(let first) = rules.next(now: start, arrivedAt: start) else { return }
        rules.enter()
        guard case .send(let second) = rules.next(now: start, arrivedAt: start) else { return }
        rules.refused(first, at: start, retryAfter: .seconds(9))
        rules.refused(second, at: start, retryAfter: .seconds(2))
        rules.enter()
        #expect(rules.next(now: start, arrivedAt: start) == .sleep(until: start + .seconds(9)))
        guard case .send(let probe) = rules.next(now: start + .seconds(9), arrivedAt: start) else { return }
        rules.unanswered(probe, at: start + .seconds(10))
        rules.enter()
        guard case .send(let next) = rules.next(now: start + .seconds(10), arrivedAt: start + .seconds(10)) else {
            Issue.record("the next request probes")
            return
        }
        #expect(next.isProbe)
    }

    @Test func withoutRemainingOnlyTheCapApplies() {
        var rules = rules()
        sendAndAnswer(&rules, at: start, remaining: nil)
        var sent = 1
        while case .send = rules.next(now: start, arrivedAt: start) { sent += 1 }
        #expect(sent == 57)
    }

    @Test func anAnswerAPeriodOldIsForgottenAndTheNextRequestLearnsAgain() {
        var rules = rules()
        sendAndAnswer(&rules, at: start, remaining: 30)
        let later = start + .seconds(61)
        rules.enter()
        guard case .send(let scout) = rules.next(now: later, arrivedAt: later) else { return }
        #expect(scout.isScout)
        #expect(rules.report == nil)
    }

    @Test func spreadingEndsOnceDemandFallsBelowTheRateAndNoBurstIsLeft() {
        var rules = rules()
        var plane = PlaneWindowModel(limit: 60, period: .seconds(60))
        let run = driveSerially(&rules, &plane, count: 70, from: start, latency: .zero)
        #expect(rules.spreading)
        // The first window's burst was in the window until it left, one period after it went.
        #expect(rules.holdsBurst(at: start + .seconds(30)))
        #expect(!rules.holdsBurst(at: start + .seconds(61)))
        // A caller just after the last request comes within the spacing: still spread.
        let soon = driveSerially(&rules, &plane, count: 2, from: run.end, latency: .zero)
        #expect(soon.sends[1] - soon.sends[0] >= rules.spacing)
        // Two minutes later the window holds only spread requests (or none): a small sync goes at once.
        let later = run.end + .seconds(120)
        let small = driveSerially(&rules, &plane, count: 10, from: later, latency: .zero)
        #expect(small.sends.allSatisfy { $0 == later })
        #expect(!rules.spreading)
    }

    @Test func ownRequestsCountForAPeriodPlusTheLatency() {
        var rules = rules()
        rules.enter()
        guard case .send(let grant) = rules.next(now: start, arrivedAt: start) else { return }
        rules.answered(grant, at: start + .milliseconds(200), remaining: 59)
        #expect(rules.latency == .milliseconds(200))
        #expect(rules.own(at: start + .seconds(60)) == 1)
        #expect(rules.own(at: start + .seconds(60) + .milliseconds(200)) == 0)
        // A latency is capped at a quarter of the period.
        rules.answered(grant, at: start + .seconds(40), remaining: 59)
        #expect(rules.latency == .seconds(15))
    }

    @Test func newSettingsApplyToTheWindowSoFar() {
        var rules = rules()
        var plane = PlaneWindowModel(limit: 60, period: .seconds(60))
        _ = driveSerially(&rules, &plane, count: 30, from: start, latency: .zero)
        rules.configure(limit: PlaneRateLimit(requests: 30, period: .seconds(60)), reserve: 2)
        #expect(rules.cap == 28)
        rules.enter()
        guard case .sleep = rules.next(now: start, arrivedAt: start) else {
            Issue.record("30 sent is over the new cap of 28")
            return
        }
    }
}
