import Foundation
import SyncCore
import Synchronization
import TestClocks
import Testing

@testable import BoardSync

/// A worker with webhooks on a manual clock: a timer tick with nothing to push skips the listing while
/// the echoes of its writes arrive, lists every `planePoll` anyway, falls back to listing every tick when an
/// echo is missed (and says so), and trusts the deliveries again once one arrives.
@Suite(.timeLimit(.minutes(1))) struct IntegrationWorkerWebhookTests {
    /// What the stand-in deliveries turn returns next, and what the worker said about its health.
    final class Hooks: Sendable {
        let next = Mutex<DeliveryRun.Outcome>(DeliveryRun.Outcome())
        let told = Mutex<[WebhookHealth.State]>([])
        let wall = Mutex<Date>(Date(timeIntervalSince1970: 1_800_000_000))
        let pending = Mutex<Bool>(false)
        /// The next deliveries turn fails, if set.
        let failNext = Mutex<Bool>(false)
        /// How much wall-clock time the next deliveries turn takes.
        let turnTakes = Mutex<TimeInterval>(0)

        func take() throws -> DeliveryRun.Outcome {
            if failNext.withLock({ fail in
                defer { fail = false }
                return fail
            }) {
                throw MongoWentAway()
            }
            let takes = turnTakes.withLock { takes in
                defer { takes = 0 }
                return takes
            }
            wall.withLock { $0 += takes }
            return next.withLock { outcome in
                defer { outcome = DeliveryRun.Outcome() }
                return outcome
            }
        }
    }

    struct MongoWentAway: Error {}

    /// A worker on `clock` whose runs are `runs` and whose webhook side is `hooks`, serving until retired.
    static func serve(_ clock: ManualClock, _ runs: IntegrationWorkerTests.Runs, _ hooks: Hooks)
        -> (worker: IntegrationWorker, serving: Task<Void, Never>)
    {
        var runner = IntegrationWorker.Runner(
            run: { try await runs.run($0) }, currentLease: { nil }, pollEvery: .seconds(2))
        runner.deliveries = { try hooks.take() }
        runner.boardPending = { hooks.pending.withLock { $0 } }
        runner.health = { health in hooks.told.withLock { $0.append(health.state) } }
        runner.wallClock = { hooks.wall.withLock { $0 } }
        let worker = IntegrationWorker(
            integrationId: "i", schedule: Self.schedule, clock: InjectedClock(clock), random: .system,
            stop: RunStop(), runner: runner, logger: LeaseStoreTests.quiet, onRun: { _ in })
        return (worker, Task { await worker.serve() })
    }

    /// Moves both clocks a minute on (one tick) and waits until the worker has `expectRuns` runs and sleeps.
    static func tick(
        _ clock: ManualClock, _ runs: IntegrationWorkerTests.Runs, _ hooks: Hooks, expectRuns: Int,
        _ location: SourceLocation = #_sourceLocation
    ) async throws {
        clock.advance(by: .seconds(60))
        hooks.wall.withLock { $0 += 60 }
        let settled = try await DaemonProcessTests.eventually(.seconds(10)) {
            runs.count == expectRuns && clock.sleepersWaiting == 1
        }
        #expect(settled, "runs \(runs.count), told \(hooks.told.withLock { $0 })", sourceLocation: location)
    }

    /// Wakes the worker with a stored delivery and waits until its deliveries turn is over.
    static func deliver(_ worker: IntegrationWorker, _ clock: ManualClock, _ hooks: Hooks) async throws {
        worker.inbox.yield(.delivered)
        try await IntegrationWorkerTests.until {
            clock.sleeps.last == .milliseconds(300) && clock.sleepersWaiting == 1
        }
        clock.advance(by: .milliseconds(300))
        try await IntegrationWorkerTests.until {
            hooks.next.withLock { $0.report == nil && $0.received.isEmpty } && clock.sleepersWaiting == 1
        }
    }

    static let schedule = DaemonSchedule(
        interval: .seconds(60), fullEvery: .seconds(86_400), jitter: 0, debounce: .milliseconds(500),
        webhooks: DaemonSchedule.Webhooks(planePoll: .seconds(300), echoTimeout: .seconds(30)))

    static func report(writing items: [String]) -> SyncEngine.Report {
        SyncEngine.Report(
            plan: SyncPlan(actions: []), summary: RunSummary(integration: "i", mode: "sync"), boardProblems: [],
            outcome: .completed(failedItems: 0, heldBack: false), planeItemsWritten: items)
    }

    @Test func idleTicksSkipTheListingUntilAnEchoIsMissed() async throws {
        let clock = ManualClock(jumpsOnSleep: false)
        let runs = IntegrationWorkerTests.Runs()
        let hooks = Hooks()
        let (worker, serving) = Self.serve(clock, runs, hooks)
        func tick(expectRuns: Int, _ location: SourceLocation = #_sourceLocation) async throws {
            try await Self.tick(clock, runs, hooks, expectRuns: expectRuns, location)
        }
        // The first turn lists (no listing yet); the health is said at start.
        try await IntegrationWorkerTests.until { runs.count == 1 && clock.sleepersWaiting == 1 }
        #expect(hooks.told.withLock { $0 } == [.healthy])
        // Idle ticks skip the listing until `planePoll` has passed since the last one.
        for _ in 0..<4 { try await tick(expectRuns: 1) }
        try await tick(expectRuns: 2)
        // A board change waiting: the tick lists (and pushes).
        hooks.pending.withLock { $0 = true }
        try await tick(expectRuns: 3)
        hooks.pending.withLock { $0 = false }

        // A delivery turn that wrote w1 (an overwrite); its echo never comes.
        hooks.next.withLock { $0.report = Self.report(writing: ["w1"]) }
        try await Self.deliver(worker, clock, hooks)
        // 60 s later the echo is 30 s overdue: this tick and every one after lists.
        try await tick(expectRuns: 4)
        #expect(hooks.told.withLock { $0 } == [.healthy, .fallback])
        try await tick(expectRuns: 5)
        try await tick(expectRuns: 6)

        // A delivery arrives (acted on first thing at the tick): trusted again, and this tick and the idle
        // ones after skip the listing again (the last one was a minute ago).
        let now = hooks.wall.withLock { $0 }
        hooks.next.withLock { $0.received = [(item: "w7", receivedAt: now)] }
        try await tick(expectRuns: 6)
        #expect(hooks.told.withLock { $0 } == [.healthy, .fallback, .healthy])
        try await tick(expectRuns: 6)
        try await tick(expectRuns: 6)

        worker.inbox.yield(.retire)
        await serving.value
    }

    @Test func anEchoReceivedWhileItsRunStillGoesOnKeepsTheDeliveriesTrusted() async throws {
        let clock = ManualClock(jumpsOnSleep: false)
        let runs = IntegrationWorkerTests.Runs()
        let hooks = Hooks()
        let (worker, serving) = Self.serve(clock, runs, hooks)
        try await IntegrationWorkerTests.until { runs.count == 1 && clock.sleepersWaiting == 1 }
        // A deliveries turn that writes w1 and takes 20 s (a paced Plane); w1's echo is received 1 s into it.
        let began = hooks.wall.withLock { $0 }
        hooks.turnTakes.withLock { $0 = 20 }
        hooks.next.withLock { $0.report = Self.report(writing: ["w1"]) }
        try await Self.deliver(worker, clock, hooks)
        hooks.next.withLock { $0.received = [(item: "w1", receivedAt: began.addingTimeInterval(1))] }
        try await Self.deliver(worker, clock, hooks)
        // Long past the echo timeout: the deliveries are still trusted and idle ticks skip the listing.
        for _ in 0..<3 { try await Self.tick(clock, runs, hooks, expectRuns: 1) }
        #expect(hooks.told.withLock { $0 } == [.healthy])
        worker.inbox.yield(.retire)
        await serving.value
    }

    @Test func aTickWhoseDeliveriesTurnFailedListsPlane() async throws {
        let clock = ManualClock(jumpsOnSleep: false)
        let runs = IntegrationWorkerTests.Runs()
        let hooks = Hooks()
        let (worker, serving) = Self.serve(clock, runs, hooks)
        try await IntegrationWorkerTests.until { runs.count == 1 && clock.sleepersWaiting == 1 }
        try await Self.tick(clock, runs, hooks, expectRuns: 1)
        // The stored deliveries could not be acted on: what they told is known only from Plane's listing.
        hooks.failNext.withLock { $0 = true }
        try await Self.tick(clock, runs, hooks, expectRuns: 2)
        try await Self.tick(clock, runs, hooks, expectRuns: 2)
        worker.inbox.yield(.retire)
        await serving.value
    }
}
