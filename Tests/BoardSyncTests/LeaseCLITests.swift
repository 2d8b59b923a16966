import BoardSyncTestSupport
import Foundation
import MongoDriver
import PlaneSimulator
import Testing

@testable import BoardSync

/// `sync` against a held lease: exit 75 with who holds it, or `--wait` for it; `status` names the holder.
@Suite struct LeaseCLITests {
    @Test func aSyncFindingTheLeaseHeldExits75OrWaitsForIt() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            let store = LeaseStore(database: database)
            _ = try await store.acquire(
                integrationId: "plane-acme", token: "elsewhere", holder: "worker-7 pid 42 (run)", runId: nil,
                duration: .seconds(60))
            let refused = try await CLITests.boardsync(["sync"], database: database.name)
            #expect(refused.status == 75, "\(refused.errors)")
            #expect(refused.errors.contains("worker-7 pid 42 (run)") && refused.errors.contains("--wait"))
            #expect(SyncWorld.writes(await simulator.requestLog()).isEmpty)
            #expect(try await database.collection(CollectionNames.events).countDocuments([:]) == 0)

            let status = try await CLITests.boardsync(["status"], database: database.name)
            #expect(status.output.contains("lease: held by worker-7 pid 42 (run)"), "\(status.output)")
            let json = try await CLITests.boardsync(["status", "--json"], database: database.name)
            let decoded = try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any]
            let first = (decoded?["integrations"] as? [[String: Any]])?.first
            #expect((first?["lease"] as? [String: Any])?["holder"] as? String == "worker-7 pid 42 (run)")

            // Released once the waiting run says it waits.
            let waiting = try RunningProcess.start(
                try BuiltExecutable.url(named: "boardsync"),
                arguments: ["sync", "--wait", "--lease-duration", "2", "--lease-renew", "0.5"],
                environment: try DaemonProcessTests.environment(database))
            #expect(
                try await DaemonProcessTests.eventually(.seconds(30)) {
                    waiting.errorsSoFar.contains("waiting for the lease")
                }, "\(waiting.errorsSoFar)")
            try await store.release(integrationId: "plane-acme", token: "elsewhere")
            let waited = try #require(await waiting.wait(atMost: .seconds(120)))
            #expect(waited.status == 3, "\(waited.errors)")
            #expect(await simulator.storedItems().count == 62)
            let after = try await CLITests.boardsync(["status"], database: database.name)
            #expect(after.output.contains("lease: free (last held by"), "\(after.output)")

            let badSettings = try await CLITests.boardsync(
                ["sync", "--lease-duration", "2", "--lease-renew", "1.5"], database: database.name)
            #expect(badSettings.status == 2 && badSettings.errors.contains("lease.renew.seconds"))
        }
    }
}
