import Foundation
import Logging
import MongoDriver
import ServiceLifecycleTestKit
import SyncCore
import Synchronization
import TestClocks
import Testing

@testable import BoardSync

/// A worker on a manual clock with a stand-in for its runs: it runs when its timer or a board edit says,
/// and otherwise sleeps; nothing polls.
@Suite(.timeLimit(.minutes(1))) struct IntegrationWorkerTests {
    /// The runs a worker made, and a gate a test may close to hold one in flight.
    final class Runs: Sendable {
        private let state = Mutex<(modes: [SyncEngine.Mode], held: Bool, waiting: CheckedContinuation<Void, Never>?)>(
            ([], false, nil))
        /// Thrown by the next run instead of running, if set.
        let failure = Mutex<(any Error)?>(nil)

        var modes: [SyncEngine.Mode] { state.withLock { $0.modes } }
        var count: Int { modes.count }

        func hold() { state.withLock { $0.held = true } }

        func release() {
            let waiting = state.withLock { state in
                state.held = false
                defer { state.waiting = nil }
                return state.waiting
            }
            waiting?.resume()
        }

        func run(_ mode: SyncEngine.Mode) async throws -> SyncEngine.Report {
            if let failure = failure.withLock({ failure in
                defer { failure = nil }; return failure
            }) {
                throw failure
            }
            await withCheckedContinuation { continuation in
                let wait = state.withLock { state in
                    state.modes.append(mode)
                    if state.held { state.waiting = continuation }
                    return state.held
                }
                if !wait { continuation.resume() }
            }
            return SyncEngine.Report(
                plan: SyncPlan(actions: []), summary: RunSummary(integration: "i", mode: mode.rawValue),
                boardProblems: [], outcome: .completed(failedItems: 0, heldBack: false))
        }
    }

    static let schedule = DaemonSchedule(
        interval: .seconds(60), fullEvery: .seconds(600), jitter: 0, debounce: .milliseconds(500))

    static func worker(
        _ clock: ManualClock, _ runs: Runs, lease: LeaseRecord? = nil, schedule: DaemonSchedule = schedule
    ) -> IntegrationWorker {
        IntegrationWorker(
            integrationId: "i", schedule: schedule, clock: InjectedClock(clock), random: .system, stop: RunStop(),
            runner: IntegrationWorker.Runner(
                run: { try await runs.run($0) }, currentLease: { lease }, pollEvery: .seconds(2)),
            logger: LeaseStoreTests.quiet, onRun: { _ in })
    }

    static func until(_ condition: @escaping () -> Bool) async throws {
        #expect(try await DaemonProcessTests.eventually(.seconds(10)) { condition() })
    }

    @Test func itSleepsUntilItsTimerOrABoardEditAndNeverPolls() async throws {
        let clock = ManualClock(jumpsOnSleep: false)
        let runs = Runs()
        let worker = Self.worker(clock, runs)
        let serving = Task { await worker.serve() }
        // The first turn at once, then one sleeper: the timer, an interval away.
        try await Self.until { runs.count == 1 && clock.sleepersWaiting == 1 }
        #expect(clock.sleeps == [.seconds(60)])
        clock.advance(by: .seconds(59))
        #expect(runs.count == 1 && clock.sleepersWaiting == 1)

        // A burst of edits: one run, once the debounce has passed, and nothing before.
        for _ in 0..<5 { worker.inbox.yield(.boardChanged) }
        try await Self.until { clock.sleeps.last == .milliseconds(500) && clock.sleepersWaiting == 1 }
        clock.advance(by: .milliseconds(499))
        #expect(runs.count == 1)
        clock.advance(by: .milliseconds(1))
        try await Self.until { runs.count == 2 && clock.sleepersWaiting == 1 }
        #expect(clock.sleeps.last == .seconds(60), "the interval counts again from the run")

        // Then the timer, and a full resync on its own time.
        clock.advance(by: .seconds(60))
        try await Self.until { runs.count == 3 && clock.sleepersWaiting == 1 }
        for _ in 0..<9 {
            let before = runs.count
            clock.advance(by: .seconds(60))
            try await Self.until { runs.count == before + 1 && clock.sleepersWaiting == 1 }
        }
        #expect(runs.modes.contains(.full))
        #expect(runs.modes.filter { $0 == .full }.count == 1)
        // Every wait it asked for was a timer or a debounce: no short polling wait.
        #expect(clock.sleeps.allSatisfy { $0 >= .milliseconds(500) }, "\(clock.sleeps)")

        worker.inbox.yield(.retire)
        await serving.value
        #expect(clock.sleepersWaiting == 0, "the timer goes with the worker")
    }

    @Test func aRetiredWorkerFinishesItsRunInFlightFirst() async throws {
        let clock = ManualClock(jumpsOnSleep: false)
        let runs = Runs()
        runs.hold()
        let worker = Self.worker(clock, runs)
        let serving = Task { await worker.serve() }
        try await Self.until { runs.count == 1 }
        worker.inbox.yield(.retire)
        worker.inbox.yield(.boardChanged)
        runs.release()
        await serving.value
        #expect(runs.count == 1, "retired after the run in flight, without another")
    }

    @Test func aGracefulShutdownEndsAWaitingWorkerAtOnce() async throws {
        let clock = ManualClock(jumpsOnSleep: false)
        let runs = Runs()
        try await testGracefulShutdown { trigger in
            let worker = Self.worker(clock, runs)
            let serving = Task { await worker.serve() }
            try await Self.until { runs.count == 1 && clock.sleepersWaiting == 1 }
            trigger.triggerGracefulShutdown()
            await serving.value
        }
        #expect(runs.count == 1)
    }

    @Test func aLeaseHeldElsewhereIsAskedAboutSoonAndATurnItsHolderMadeIsSkipped() async throws {
        let clock = ManualClock(jumpsOnSleep: false)
        let runs = Runs()
        var released = LeaseRecord(["_id": "i", "holder": "cron", "token": "other"])!
        released.releasedAt = .now
        runs.failure.withLock { $0 = LeaseUnavailable(integrationId: "i", current: released) }
        let worker = Self.worker(clock, runs, lease: released)
        let serving = Task { await worker.serve() }
        // Held at the first turn: asked again after the lease's poll period, not the interval.
        try await Self.until { clock.sleeps == [.seconds(2)] && clock.sleepersWaiting == 1 }
        #expect(runs.count == 0)
        // The holder released it meanwhile: it made the run, so this turn is skipped.
        clock.advance(by: .seconds(2))
        try await Self.until { clock.sleeps == [.seconds(2), .seconds(60)] && clock.sleepersWaiting == 1 }
        #expect(runs.count == 0)
        clock.advance(by: .seconds(60))
        try await Self.until { runs.count == 1 }
        worker.inbox.yield(.retire)
        await serving.value
    }
}
