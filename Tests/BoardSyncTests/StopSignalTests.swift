import BoardSyncTestSupport
import Foundation
import MongoDriver
import PlaneSimulator
import Testing

@testable import BoardSync

/// A one-shot `sync` or `resync` sent SIGTERM or SIGINT (a CronJob deadline, `kubectl delete`, Ctrl-C)
/// stops as the daemon does (issue 12, case 8): the action in flight finished, a wait on the rate budget
/// cut at once, the checkpoint saved, the lease released, the run recorded as stopped, exit 143. Before,
/// the signal killed it: the lease stayed, nothing was recorded, and every run for the lease period
/// exited 75.
@Suite struct StopSignalTests {
    static func start(_ database: MongoDatabase, _ arguments: [String]) throws -> RunningProcess {
        var environment = ProcessInfo.processInfo.environment
        environment["BOARDSYNC_MONGODB_URI"] = try TestServer.uri()
        environment["BOARDSYNC_DATABASE"] = database.name
        return try RunningProcess.start(
            try BuiltExecutable.url(named: "boardsync"), arguments: arguments + ["--lease-duration", "600"],
            environment: environment)
    }

    static func lease(_ database: MongoDatabase) async throws -> BSONDocument? {
        try await database.collection(CollectionNames.leases).findOne(["_id": "plane-acme"])
    }

    @Test(arguments: [["sync", "--json"], ["resync", "--yes", "--json"]], [SIGTERM, SIGINT])
    func aStoppedRunReleasesItsLeaseRecordsTheStopAndLosesNothing(arguments: [String], signal: Int32) async throws {
        try await SyncEndToEndTests.withWorld(rateLimit: "20/second") { database, simulator, _ in
            let run = try Self.start(database, arguments)
            // Signalled while it applies its plan: some items are in Plane, most are not yet.
            let applying = try await DaemonProcessTests.eventually(.seconds(60)) {
                await simulator.storedItems().count >= 5
            }
            run.signal(signal)
            let stopped = try #require(await run.wait(atMost: .seconds(60)), "it did not stop")
            #expect(applying)
            #expect(stopped.status == 143, "\(stopped.status): \(stopped.errors)")
            let lease = try #require(try await Self.lease(database))
            #expect(lease["released_at"]?.dateValue != nil, "the lease was not released")
            let summary = try #require(CLIExitCodeTests.jsonObject(stopped.output), "\(stopped.output)")
            #expect((summary["stopped_because"] as? String)?.contains("asked to stop") == true)
            #expect((summary["error"] as? [String: Any])?["exit_code"] as? Int == 143)
            let created = summary["created"] as? Int ?? -1
            #expect(created > 0 && created < 62, "stopped part-way: \(created) created")
            let event = try await database.collection(CollectionNames.events).findOne([
                "subject": "board.sync.run.failed"
            ])
            #expect(event?.value(at: "details.exit_code")?.int64Value == 143, "\(String(describing: event))")

            // The next run is not refused, and finishes the work: nothing lost, nothing twice.
            let next = try await CLITests.boardsync(["sync"], database: database.name)
            #expect(next.status == 3, "\(next.status): \(next.errors)")
            #expect(await simulator.storedItems().count == 62)
            #expect(await SyncWorld.duplicateExternalIds(simulator).isEmpty)
            #expect(try await database.collection(CollectionNames.boardLinks).countDocuments(["state": "synced"]) == 62)
        }
    }

    /// A run waiting on the rate budget (2 requests a minute: half a minute between two) stops at once,
    /// not when the wait is over.
    @Test func aWaitOnTheRateBudgetIsCutAtOnce() async throws {
        try await SyncEndToEndTests.withWorld(rateLimit: "2/minute") { database, simulator, _ in
            let run = try Self.start(database, ["sync"])
            let waiting = try await DaemonProcessTests.eventually(.seconds(30)) {
                await !simulator.requestLog().isEmpty
            }
            let signalled = ContinuousClock.now
            run.signal(SIGTERM)
            let stopped = try #require(await run.wait(atMost: .seconds(60)), "it did not stop")
            let took = ContinuousClock.now - signalled
            #expect(waiting)
            #expect(stopped.status == 143, "\(stopped.status): \(stopped.errors)")
            // The wait had about 29 s to go; a stop that waited it out would take that long.
            #expect(took < .seconds(15), "took \(took)")
            #expect(await simulator.requestLog().count <= 2)
            let lease = try #require(try await Self.lease(database))
            #expect(lease["released_at"]?.dateValue != nil)
        }
    }
}
