import BoardSyncTestSupport
import Foundation
import MongoDriver
import PlaneSimulator
import Testing

@testable import BoardSync

/// A run under its lease: the token in every Plane write, link and approval; a lost lease stops it.
@Suite struct LeaseSyncTests {
    /// Long enough that a loaded test server's slow renewals never lose it; the lease is read before each
    /// write, so a loss is seen at once whatever the renewal period.
    static let settings = LeaseSettings(duration: .seconds(10), renewEvery: .milliseconds(500))

    static func leasedRun(_ database: MongoDatabase, token: String) -> LeasedRun {
        LeasedRun(
            engine: SyncEngine(database: database, logger: .silent()),
            keeper: LeaseKeeper(
                database: database, settings: settings, holder: "test \(token)", makeToken: { token },
                logger: LeaseStoreTests.quiet))
    }

    @Test func everyWriteOfALeasedRunCarriesItsTokenInPlaneLinksAndApprovals() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            let first = try await Self.leasedRun(database, token: "token-one").run(
                "plane-acme", mode: .incremental, wait: false
            ) { _ in SyncWorld.options() }
            #expect(first.summary.created == 62)
            let writes = SyncWorld.writes(await simulator.requestLog())
            #expect(writes.count == 62)
            #expect(writes.allSatisfy { $0.headers["x-boardsync-lease"] == "token-one" })
            #expect(
                await simulator.requestLog().filter { $0.method == "GET" }.allSatisfy {
                    $0.headers["x-boardsync-lease"] == nil
                })
            let links = database.collection(CollectionNames.boardLinks)
            #expect(try await links.countDocuments(["state": "synced"]) == 62)
            #expect(try await links.countDocuments(["lease_token": "token-one"]) == links.countDocuments([:]))
            // The run's start was recorded with the lease, naming holder and token; the lease is free again.
            let started = try #require(
                try await database.collection(CollectionNames.events).findOne(["subject": "board.sync.run.started"]))
            #expect(started.value(at: "details.lease_token") == "token-one")
            let runId = try #require(started["run_id"]?.stringValue)
            #expect(
                try await database.collection(CollectionNames.events).countDocuments([
                    "run_id": .string(runId), "subject": "board.sync.run.completed",
                ]) == 1)
            let lease = try #require(try await LeaseStore(database: database).current("plane-acme"))
            #expect(lease.releasedAt != nil && lease.runId == runId && lease.token == "token-one")

            let planeId = try #require(
                try await SyncWorld.planeItem(simulator, externalId: SyncWorld.hex("04"))["id"]?.stringValue)
            try await simulator.editItemAsPerson(planeId, actorEmail: SyncWorld.alice, changes: ["priority": "urgent"])
            _ = try await Self.leasedRun(database, token: "token-two").run(
                "plane-acme", mode: .incremental, wait: false
            ) { _ in SyncWorld.options() }
            let approval = try #require(
                try await database.collection(CollectionNames.approvals).findOne(["conflict_kind": "hand_edit"]))
            #expect(approval["lease_token"] == "token-two")
            #expect(try await SyncWorld.link(database, SyncWorld.hex("04"))?["lease_token"] == "token-two")
        }
    }

    @Test func aRunThatLosesItsLeaseStopsWritingAtOnceAndMovesNoCheckpoint() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            await simulator.injectFault(
                FaultRule(method: "POST", pathPrefix: SyncWorld.workItems, action: .delay(.milliseconds(40))))
            let run = Task {
                try await Self.leasedRun(database, token: "victim").run("plane-acme", mode: .incremental, wait: false) {
                    _ in SyncWorld.options()
                }
            }
            let started = try await DaemonProcessTests.eventually(.seconds(60)) {
                SyncWorld.writes(await simulator.requestLog()).count >= 10
            }
            try #require(started, "the run did not get to its tenth write")
            // Another worker takes the lease (as if the victim's had expired).
            try await database.collection(CollectionNames.leases).updateOne(
                ["_id": "plane-acme"], ["$set": ["token": "thief", "holder": "another worker"]])
            let stolenAt = Date()
            let result = await run.result
            let failure = try #require(
                { () -> RunFailure? in
                    if case .failure(let error) = result { return error as? RunFailure }
                    return nil
                }())
            #expect(failure.stopped.kind == .leaseLost)
            #expect(failure.summary.stoppedBecause?.contains("lease") == true)
            // The lease is read before every write: only the write already on the wire lands after the loss.
            let late = SyncWorld.writes(await simulator.requestLog()).filter { $0.time > stolenAt }
            #expect(late.count <= 1, "writes after the lease was lost: \(late.map(\.pathAndQuery))")
            let state = try await database.collection(CollectionNames.integrations).findOne(["_id": "plane-acme"])
            #expect(state?.value(at: "sync_state.cursor") == nil || state?.value(at: "sync_state.cursor") == .null)
            #expect(try await LeaseStore(database: database).current("plane-acme")?.token == "thief")

            // Once the thief gives it back, the next holder finishes the job with no duplicate.
            try await LeaseStore(database: database).release(integrationId: "plane-acme", token: "thief")
            await simulator.clearFaults()
            let next = try await Self.leasedRun(database, token: "next").run(
                "plane-acme", mode: .incremental, wait: false
            ) { _ in SyncWorld.options() }
            #expect(next.summary.failed == 2)
            #expect(await SyncWorld.duplicateExternalIds(simulator).isEmpty)
            let live = await simulator.storedItems().filter { $0["deleted_at"]?.isNull ?? true }
            #expect(live.count == 62)
        }
    }
}
