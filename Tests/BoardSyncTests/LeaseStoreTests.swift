import BoardSyncTestSupport
import Foundation
import MongoDriver
import Testing

@testable import BoardSync

/// The lease document itself: taken, refused, renewed, expired on the server's clock, released.
@Suite struct LeaseStoreTests {
    @Test func aHeldLeaseIsRefusedUntilItExpiresOnTheServersClockAndThenTakenOver() async throws {
        try await TestServer.withDatabase { _, database in
            let store = LeaseStore(database: database)
            let duration = Duration.seconds(3)
            let first = try await store.acquire(
                integrationId: "i", token: "a", holder: "worker A", runId: nil, duration: duration)
            guard case .acquired(let taken) = first else { throw WorldError("first acquisition refused") }
            #expect(taken.token == "a" && taken.holder == "worker A")
            let renewedAt = try #require(taken.renewedAt)
            let length = try #require(taken.expiresAt?.timeIntervalSince(renewedAt))
            #expect(abs(length - 3) < 0.01, "expires_at is the server's now plus the duration")

            guard
                case .held(let current) = try await store.acquire(
                    integrationId: "i", token: "b", holder: "worker B", runId: nil, duration: duration)
            else { throw WorldError("a held lease was given to a second worker") }
            #expect(current?.holder == "worker A")
            // The holder may take it again (a retry of its own acquisition) and renew it.
            guard
                case .acquired = try await store.acquire(
                    integrationId: "i", token: "a", holder: "worker A", runId: nil, duration: duration)
            else { throw WorldError("the holder could not take its own lease again") }
            #expect(try await store.renew(integrationId: "i", token: "a", duration: duration) != nil)
            #expect(try await store.renew(integrationId: "i", token: "b", duration: duration) == nil)

            try await Task.sleep(for: .milliseconds(3200))
            guard
                case .acquired = try await store.acquire(
                    integrationId: "i", token: "b", holder: "worker B", runId: nil, duration: duration)
            else { throw WorldError("an expired lease was not taken over") }
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

    @Test func aHandleWhoseLeaseWasTakenStopsBeforeItsNextWrite() async throws {
        try await TestServer.withDatabase { _, database in
            let settings = LeaseSettings(duration: .milliseconds(1500), renewEvery: .milliseconds(100))
            let keeper = LeaseKeeper(database: database, settings: settings, holder: "test", makeToken: { "mine" })
            // Renewed from its own task, the lease outlives its duration many times over.
            try await keeper.withLease("i", wait: false) { lease in
                try await Task.sleep(for: .milliseconds(2000))
                try await lease.checkBeforeWrite()
                #expect(lease.timeLeft > .zero)
            }
            #expect(try await LeaseStore(database: database).current("i")?.releasedAt != nil)

            // Taken away (as an operator forcing it would): the next renewal notices, the next write is refused.
            let stopped = await #expect(throws: RunStopped.self) {
                try await keeper.withLease("i", wait: false) { lease in
                    try await database.collection(CollectionNames.leases).updateOne(
                        ["_id": "i"], ["$set": ["token": "thief", "holder": "someone else"]])
                    // The next renewal notices it (on a loaded machine it may take a while).
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
            let settings = LeaseSettings(
                duration: .milliseconds(800), renewEvery: .milliseconds(300), pollEvery: .milliseconds(50))
            let keeper = LeaseKeeper(database: database, settings: settings, holder: "stalled", makeToken: { "t1" })
            // No renewal task: as if renewals stalled. Once less than `minimumLeft` is left the write renews
            // first; after another worker took the expired lease, that renewal fails and the write is refused.
            let lease = try await keeper.acquire("i", wait: false, token: "t1", runId: nil, runStarted: nil)
            try await lease.checkBeforeWrite()
            try await Task.sleep(for: .milliseconds(900))
            #expect(lease.timeLeft == .zero)
            let other = LeaseKeeper(database: database, settings: settings, holder: "other", makeToken: { "t2" })
            _ = try await other.acquire("i", wait: true, token: "t2", runId: nil, runStarted: nil)
            await #expect(throws: RunStopped.self) { try await lease.checkBeforeWrite() }
            #expect(lease.lostReason?.contains("another worker") == true)
        }
    }

    @Test func waitingForTheLeaseTakesItOnceTheHolderReleasesIt() async throws {
        try await TestServer.withDatabase { _, database in
            let settings = LeaseSettings(duration: .seconds(30), renewEvery: .seconds(5), pollEvery: .milliseconds(100))
            let holder = LeaseKeeper(database: database, settings: settings, holder: "first")
            let waiter = LeaseKeeper(database: database, settings: settings, holder: "second")
            let held = try await holder.acquire("i", wait: false, token: "first", runId: nil, runStarted: nil)
            await #expect(throws: LeaseUnavailable.self) {
                try await waiter.withLease("i", wait: false) { _ in }
            }
            let release = Task {
                try await Task.sleep(for: .milliseconds(400))
                try await LeaseStore(database: database).release(integrationId: "i", token: held.token)
            }
            let started = ContinuousClock.now
            let holderSeen = try await waiter.withLease("i", wait: true) { lease in lease.holder }
            try await release.value
            #expect(holderSeen == "second")
            #expect(ContinuousClock.now - started >= .milliseconds(350))
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
