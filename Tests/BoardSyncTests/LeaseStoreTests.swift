import BoardSyncTestSupport
import Foundation
import Logging
import MongoDriver
import TestClocks
import Testing

@testable import BoardSync

/// The lease document itself: taken, refused, renewed, expired on the server's clock, released.
@Suite struct LeaseStoreTests {
    static let quiet = Logger(label: "lease-test", factory: { _ in SwiftLogNoOpLogHandler() })

    @Test func aHeldLeaseIsRefusedUntilItExpiresOnTheServersClockAndThenTakenOver() async throws {
        try await TestServer.withDatabase { _, database in
            let store = LeaseStore(database: database)
            // Held long enough that a loaded machine's pauses between the calls cannot let it expire; the
            // renewal below shortens it to `duration`, so the takeover comes soon.
            let holding = Duration.seconds(30)
            let duration = Duration.seconds(1)
            let first = try await store.acquire(
                integrationId: "i", token: "a", holder: "worker A", runId: nil, duration: holding)
            guard case .acquired(let taken) = first else { throw WorldError("first acquisition refused") }
            #expect(taken.token == "a" && taken.holder == "worker A")
            let renewedAt = try #require(taken.renewedAt)
            let length = try #require(taken.expiresAt?.timeIntervalSince(renewedAt))
            #expect(abs(length - 30) < 0.01, "expires_at is the server's now plus the duration")

            guard
                case .held(let current) = try await store.acquire(
                    integrationId: "i", token: "b", holder: "worker B", runId: nil, duration: holding)
            else { throw WorldError("a held lease was given to a second worker") }
            #expect(current?.holder == "worker A")
            // The holder may take it again (a retry of its own acquisition) and renew it.
            guard
                case .acquired = try await store.acquire(
                    integrationId: "i", token: "a", holder: "worker A", runId: nil, duration: holding)
            else { throw WorldError("the holder could not take its own lease again") }
            let renewed = try #require(try await store.renew(integrationId: "i", token: "a", duration: duration))
            #expect(try await store.renew(integrationId: "i", token: "b", duration: duration) == nil)

            // Worker B asks until the server's clock passes the expiry; it gets it then, and not before.
            var takenOver: LeaseRecord?
            let tookOver = try await DaemonProcessTests.eventually(.seconds(20)) {
                if case .acquired(let record) = try await store.acquire(
                    integrationId: "i", token: "b", holder: "worker B", runId: nil, duration: duration)
                {
                    takenOver = record
                }
                return takenOver != nil
            }
            #expect(tookOver, "an expired lease was not taken over")
            let expiredAt = try #require(renewed.expiresAt)
            #expect(try #require(takenOver?.acquiredAt) >= expiredAt, "taken over before it expired")
            // The first holder's renewal now fails: it has lost the lease.
            #expect(try await store.renew(integrationId: "i", token: "a", duration: duration) == nil)

            try await store.release(integrationId: "i", token: "b")
            let released = try #require(try await store.current("i"))
            #expect(released.releasedAt != nil && !released.isHeld(at: Date()))
            guard
                case .acquired = try await store.acquire(
                    integrationId: "i", token: "c", holder: "worker C", runId: nil, duration: .seconds(60))
            else { throw WorldError("a released lease was not free at once") }
            // Leases of other integrations are independent.
            guard
                case .acquired = try await store.acquire(
                    integrationId: "j", token: "d", holder: "worker D", runId: nil, duration: .seconds(60))
            else { throw WorldError("another integration's lease was refused") }
        }
    }

    @Test func theRunIsRecordedWithTheAcquisitionAndNotWhenItIsRefused() async throws {
        try await TestServer.withDatabase { _, database in
            let store = LeaseStore(database: database)
            let events = database.collection(CollectionNames.events)
            let started = EventLog(database: database, integrationId: "i", runId: "run-1").document(.runStarted)
            _ = try await store.acquire(
                integrationId: "i", token: "a", holder: "A", runId: "run-1", duration: .seconds(60), runStarted: started
            )
            #expect(try await events.countDocuments(["run_id": "run-1"]) == 1)

            let refused = EventLog(database: database, integrationId: "i", runId: "run-2").document(.runStarted)
            let outcome = try await store.acquire(
                integrationId: "i", token: "b", holder: "B", runId: "run-2", duration: .seconds(60), runStarted: refused
            )
            guard case .held = outcome else { throw WorldError("a held lease was given away") }
            #expect(try await events.countDocuments(["run_id": "run-2"]) == 0)
            #expect(try await store.current("i")?.runId == "run-1")
        }
    }

    /// Lets `clock`'s sleepers run until `count` of them wait again (each renewal or poll is a round trip to
    /// MongoDB between two sleeps).
    static func untilSleeping(_ clock: ManualClock, _ count: Int = 1) async throws {
        #expect(try await DaemonProcessTests.eventually(.seconds(10)) { clock.sleepersWaiting == count })
    }

    @Test func aHandleRenewedFromItsOwnTaskOutlivesItsDurationAndStopsOnceTakenAway() async throws {
        try await TestServer.withDatabase { _, database in
            let clock = ManualClock(jumpsOnSleep: false)
            let settings = LeaseSettings(duration: .seconds(60), renewEvery: .seconds(20))
            let keeper = LeaseKeeper(
                database: database, settings: settings, holder: "test", clock: clock, makeToken: { "mine" },
                logger: Self.quiet)
            // Renewed every 20 s of the clock, the lease outlives its 60 s five times over.
            try await keeper.withLease("i", wait: false) { lease in
                for round in 1...15 {
                    try await Self.untilSleeping(clock)
                    clock.advance(by: .seconds(20))
                    // Each renewal counts from when it was sent: a full duration from now.
                    #expect(
                        try await DaemonProcessTests.eventually(.seconds(10)) { lease.timeLeft == .seconds(60) },
                        "round \(round): \(lease.timeLeft) left")
                }
                try await lease.checkBeforeWrite()
                #expect(clock.elapsed - .seconds(1000) == .seconds(300))
            }
            #expect(try await LeaseStore(database: database).current("i")?.releasedAt != nil)

            // Taken away (as an operator forcing it would): the next renewal notices, the next write is refused.
            let stopped = await #expect(throws: RunStopped.self) {
                try await keeper.withLease("i", wait: false) { lease in
                    try await database.collection(CollectionNames.leases).updateOne(
                        ["_id": "i"], ["$set": ["token": "thief", "holder": "someone else"]])
                    try await Self.untilSleeping(clock)
                    clock.advance(by: .seconds(20))
                    #expect(try await DaemonProcessTests.eventually(.seconds(10)) { lease.lostReason != nil })
                    try await lease.checkBeforeWrite()
                }
            }
            #expect(stopped?.kind == .leaseLost)
            #expect(stopped?.description.contains("lease of this integration was lost") == true)
            // The release of a lost lease leaves the new holder's alone.
            #expect(try await LeaseStore(database: database).current("i")?.token == "thief")
        }
    }

    @Test func aHandleThatCouldNotRenewInTimeStopsItselfBeforeTheLeaseExpires() async throws {
        try await TestServer.withDatabase { _, database in
            let clock = ManualClock(jumpsOnSleep: false)
            let settings = LeaseSettings(duration: .seconds(1), renewEvery: .milliseconds(300))
            let keeper = LeaseKeeper(
                database: database, settings: settings, holder: "stalled", clock: clock, makeToken: { "t1" },
                logger: Self.quiet)
            // No renewal task: as if renewals stalled. Once less than `minimumLeft` is left the write renews
            // first; after another worker took the expired lease, that renewal fails and the write is refused.
            let lease = try await keeper.acquire("i", wait: false, token: "t1", runId: nil, runStarted: nil)
            try await lease.checkBeforeWrite()
            clock.advance(by: .milliseconds(1100))
            #expect(lease.timeLeft == .zero)
            // The server's clock passes the expiry too, and another worker takes the lease.
            let store = LeaseStore(database: database)
            #expect(
                try await DaemonProcessTests.eventually(.seconds(20)) {
                    guard
                        case .acquired = try await store.acquire(
                            integrationId: "i", token: "t2", holder: "other", runId: nil, duration: .seconds(60))
                    else { return false }
                    return true
                })
            await #expect(throws: RunStopped.self) { try await lease.checkBeforeWrite() }
            #expect(lease.lostReason?.contains("another worker") == true)
        }
    }

    @Test func waitingForTheLeaseTakesItOnceTheHolderReleasesIt() async throws {
        try await TestServer.withDatabase { _, database in
            let clock = ManualClock(jumpsOnSleep: false)
            let settings = LeaseSettings(duration: .seconds(30), renewEvery: .seconds(5), pollEvery: .milliseconds(100))
            let holder = LeaseKeeper(database: database, settings: settings, holder: "first", logger: Self.quiet)
            let waiter = LeaseKeeper(
                database: database, settings: settings, holder: "second", clock: clock, logger: Self.quiet)
            let held = try await holder.acquire("i", wait: false, token: "first", runId: nil, runStarted: nil)
            await #expect(throws: LeaseUnavailable.self) {
                try await waiter.withLease("i", wait: false) { _ in }
            }
            let waiting = Task { try await waiter.withLease("i", wait: true) { lease in lease.holder } }
            // It asked, found it held, and waits for its next poll; a poll while it is held finds it held again.
            try await Self.untilSleeping(clock)
            clock.advance(by: .milliseconds(100))
            try await Self.untilSleeping(clock)
            #expect(try await LeaseStore(database: database).current("i")?.holder == "first")

            try await LeaseStore(database: database).release(integrationId: "i", token: held.token)
            clock.advance(by: .milliseconds(100))
            #expect(try await waiting.value == "second")
            #expect(clock.sleeps.prefix(2) == [.milliseconds(100), .milliseconds(100)])
        }
    }

    @Test func tokensAreRandomPerAcquisitionAndSettingsAreChecked() throws {
        var generator = SeededGenerator(seed: 7)
        let first = LeaseToken.random(using: &generator)
        let second = LeaseToken.random(using: &generator)
        #expect(first.count == 32 && second.count == 32 && first != second)
        var again = SeededGenerator(seed: 7)
        #expect(LeaseToken.random(using: &again) == first)
        #expect(LeaseToken.random() != LeaseToken.random())

        #expect(throws: SettingsError.self) {
            try LeaseSettings(duration: .seconds(10), renewEvery: .seconds(6)).validate()
        }
        try LeaseSettings(duration: .seconds(2), renewEvery: .milliseconds(500)).validate()
        #expect(LeaseSettings().renewEvery == .seconds(20))
        #expect(DurationText.parse("1h30m") == .seconds(5400))
        #expect(DurationText.parse("500ms") == .milliseconds(500))
        #expect(DurationText.parse("90") == .seconds(90))
        #expect(DurationText.parse("5 minutes") == nil)
    }
}

/// A small deterministic generator (SplitMix64) for injected randomness.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
