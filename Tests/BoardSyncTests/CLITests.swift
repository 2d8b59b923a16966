import BoardSyncTestSupport
import Foundation
import MongoDriver
import PlaneSimulator
import Testing

@testable import BoardSync

/// The `boardsync` executable as cron runs it: real process, real MongoDB, the simulator over HTTP.
@Suite struct CLITests {
    static func boardsync(_ arguments: [String], database: String, crashAt: String? = nil) async throws
        -> ChildProcess.Result
    {
        var environment = ProcessInfo.processInfo.environment
        environment["BOARDSYNC_MONGODB_URI"] = try TestServer.uri()
        environment["BOARDSYNC_DATABASE"] = database
        environment["BOARDSYNC_CRASH_AT"] = crashAt
        return try await ChildProcess.run(
            try BuiltExecutable.url(named: "boardsync"), arguments: arguments, environment: environment)
    }

    @Test func syncPrintsTheJSONSummaryAndExitsThreeWhenItemsFailed() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            let first = try await Self.boardsync(["sync", "--json"], database: database.name)
            #expect(first.status == 3, "\(first.errors)\(first.output)")
            let summary = try JSONSerialization.jsonObject(with: Data(first.output.utf8)) as? [String: Any]
            #expect(summary?["created"] as? Int == 62)
            #expect(summary?["failed"] as? Int == 2)
            #expect((summary?["api"] as? [String: Any])?["writes"] as? Int == 62)
            for key in [
                "updated", "unchanged", "deleted", "recreated", "conflicts", "rate_wait_seconds", "duration_seconds",
            ] {
                #expect(summary?[key] != nil, "missing \(key)")
            }
            #expect(!first.output.contains("plane_api_"))

            let second = try await Self.boardsync(["sync"], database: database.name)
            #expect(second.status == 0, "\(second.output)\(second.errors)")
            #expect(second.output.contains("0 created, 0 updated, 62 unchanged"))
            #expect(await simulator.storedItems().count == 62)
        }
    }

    @Test func resyncWithoutATerminalNeedsYesAndADryRunWritesNothing() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            let refused = try await Self.boardsync(["resync"], database: database.name)
            #expect(refused.status == 2)
            #expect(refused.errors.contains("--yes"))

            let dryRun = try await Self.boardsync(["resync", "--dry-run"], database: database.name)
            #expect(dryRun.output.contains("Plan for plane-acme: create"))
            #expect(dryRun.output.contains("(dry run, nothing written)"))
            #expect(await simulator.storedItems().isEmpty)

            let applied = try await Self.boardsync(["resync", "--yes"], database: database.name)
            #expect(applied.status == 3)
            #expect(await simulator.storedItems().count == 62)
        }
    }

    @Test func aBadIntegrationIsExitTwoAndNamesTheField() async throws {
        try await SyncEndToEndTests.withWorld { database, _, _ in
            try await database.collection(CollectionNames.integrations).updateOne(
                ["_id": "plane-acme"], ["$set": ["credentials": ["api_key_env": "BOARDSYNC_NO_SUCH_VARIABLE"]]])
            let result = try await Self.boardsync(["sync"], database: database.name)
            #expect(result.status == 2)
            #expect(result.errors.contains("BOARDSYNC_NO_SUCH_VARIABLE is not set"))
        }
    }

    @Test func unlinkStopsMirroringAndCanDeleteThePlaneItem() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            _ = try await Self.boardsync(["sync"], database: database.name)
            let item = "6650a1c0e4b0c7a1d2f30001"
            let unlinked = try await Self.boardsync(["unlink", item, "--delete-in-plane"], database: database.name)
            #expect(unlinked.status == 0, "\(unlinked.errors)")
            #expect(unlinked.output.contains("unlinked; Plane item"))
            let live = await simulator.storedItems().filter { $0["deleted_at"]?.isNull ?? true }
            #expect(live.count == 61)
            #expect(!live.contains { $0["external_id"]?.stringValue == item })
            // Editing the board item afterwards does not bring it back.
            try await database.collection(CollectionNames.boardItems).updateOne(
                ["_id": .objectId(BSONObjectId(hex: item)!)],
                ["$set": ["title": "edited", "updated_at": .date(Date())]])
            let next = try await Self.boardsync(["sync", "--json"], database: database.name)
            let summary = try JSONSerialization.jsonObject(with: Data(next.output.utf8)) as? [String: Any]
            #expect(summary?["created"] as? Int == 0)
            let again = try await Self.boardsync(["unlink", "no-such-item"], database: database.name)
            #expect(again.status == 2 && again.errors.contains("not mirrored"))
        }
    }

    /// SIGKILL between Plane's answer to a POST and the link's confirmation, at several moments; run
    /// again until it completes: exactly one Plane item per mirrored board item. The killed run's lease
    /// outlives it: the next run is refused (75) until it expires, or waits for it.
    @Test(arguments: ["after-link-creating:5", "after-plane-answered:7", "before-link-confirmed:3"])
    func aKilledRunLeavesNoDuplicate(crashAt: String) async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            let lease = ["--lease-duration", "600", "--lease-renew", "60"]
            let killed = try await Self.boardsync(["sync"] + lease, database: database.name, crashAt: crashAt)
            #expect(killed.status == 9 || killed.status == 137, "not killed: \(killed.status) \(killed.errors)")
            let refused = try await Self.boardsync(["sync"] + lease, database: database.name)
            #expect(refused.status == 75, "\(refused.errors)")
            // Time passes: the dead run's lease expires (moved to the past rather than waited for).
            try await database.collection(CollectionNames.leases).updateOne(
                ["_id": "plane-acme"], ["$set": ["expires_at": .date(Date(timeIntervalSince1970: 0))]])
            let finished = try await Self.boardsync(["sync"] + lease, database: database.name)
            #expect(finished.status == 3, "\(finished.errors)")
            let live = await simulator.storedItems().filter { $0["deleted_at"]?.isNull ?? true }
            let externalIds = live.compactMap { $0["external_id"]?.stringValue }
            #expect(live.count == 62)
            #expect(Set(externalIds).count == externalIds.count, "duplicates after a kill at \(crashAt)")
            let links = database.collection(CollectionNames.boardLinks)
            #expect(try await links.countDocuments(["state": "synced"]) == 62)
        }
    }

    @Test func conflictsListShowAndAnHTMLPage() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            _ = try await Self.boardsync(["sync"], database: database.name)
            let id = SyncWorld.hex("04")
            let planeId = try #require(try await SyncWorld.planeItem(simulator, externalId: id)["id"]?.stringValue)
            try await simulator.editItemAsPerson(planeId, actorEmail: SyncWorld.alice, changes: ["priority": "urgent"])
            _ = try await Self.boardsync(["sync"], database: database.name)

            let listed = try await Self.boardsync(
                ["conflicts", "list", "--kind", "hand_edit", "--json"], database: database.name)
            #expect(listed.status == 0, "\(listed.errors)")
            let records = try JSONSerialization.jsonObject(with: Data(listed.output.utf8)) as? [[String: Any]]
            #expect(records?.count == 1)
            let reportId = try #require(records?.first?["id"] as? String)
            let shown = try await Self.boardsync(["conflicts", "show", reportId], database: database.name)
            #expect(shown.status == 0 && shown.output.contains("urgent"))
            let page = FileManager.default.temporaryDirectory.appendingPathComponent(
                "conflicts-\(UUID().uuidString).html")
            defer { try? FileManager.default.removeItem(at: page) }
            let html = try await Self.boardsync(["conflicts", "list", "--html", page.path], database: database.name)
            #expect(html.status == 0)
            #expect(try String(contentsOf: page, encoding: .utf8).contains(planeId))
            let missing = try await Self.boardsync(["conflicts", "show", "nope"], database: database.name)
            #expect(missing.status == 2)

            let resolved = try await Self.boardsync(
                ["conflicts", "resolve", reportId, "--take-plane", "--field", "priority", "--note", "Alice knows"],
                database: database.name)
            #expect(resolved.status == 0, "\(resolved.errors)")
            #expect(resolved.output.contains("took Plane's priority"))
            let again = try await Self.boardsync(
                ["conflicts", "resolve", reportId, "--keep-board"], database: database.name)
            #expect(again.status == 2 && again.errors.contains("already resolved"))
            let both = try await Self.boardsync(
                ["conflicts", "resolve", reportId, "--keep-board", "--take-plane"], database: database.name)
            #expect(both.status == 2 && both.errors.contains("exactly one of --keep-board and --take-plane"))
        }
    }

    @Test func statusShowsLinksConflictsAndLastRuns() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            _ = try await Self.boardsync(["sync"], database: database.name)
            let planeId = try #require(
                try await SyncWorld.planeItem(simulator, externalId: SyncWorld.hex("04"))["id"]?.stringValue)
            try await simulator.editItemAsPerson(planeId, actorEmail: SyncWorld.alice, changes: ["priority": "urgent"])
            _ = try await Self.boardsync(["sync"], database: database.name)

            let result = try await Self.boardsync(["status", "--json"], database: database.name)
            #expect(result.status == 0, "\(result.errors)")
            let report = try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any]
            let status = try #require((report?["integrations"] as? [[String: Any]])?.first)
            #expect((report?["refused"] as? [Any])?.isEmpty == true)
            #expect((report?["replicas"] as? [Any])?.isEmpty == true, "no daemon ran")
            #expect(status["served_by"] as? [String] == [])
            #expect(status["configuration_change"] == nil, "the runs applied the document as it is")
            #expect(status["integration"] as? String == "plane-acme")
            #expect((status["links_by_state"] as? [String: Int]) == ["synced": 61, "conflict": 1, "blocked": 2])
            // The hand edit, and the fixtures' four items with values Plane cannot take or no title.
            #expect(status["pending_conflicts"] as? Int == 5)
            #expect((status["last_runs"] as? [Any])?.count == 2)
            #expect(status["remote_watermark"] is String)

            let text = try await Self.boardsync(["status"], database: database.name)
            #expect(text.output.contains("links: 2 blocked, 1 conflict, 61 synced"))
            #expect(text.output.contains("pending conflicts: 5"))
            #expect(text.output.contains("served by: no live daemon replica"))
            #expect(text.output.contains("daemon replicas: none has announced itself"))
        }
    }

    @Test func explainPrintsOneItemAsTextAndJSONAndWritesNothing() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            _ = try await Self.boardsync(["sync"], database: database.name)
            let id = SyncWorld.hex("04")
            let planeId = try #require(try await SyncWorld.planeItem(simulator, externalId: id)["id"]?.stringValue)
            try await simulator.editItemAsPerson(planeId, actorEmail: SyncWorld.alice, changes: ["priority": "urgent"])
            _ = try await Self.boardsync(["sync"], database: database.name)
            await simulator.clearRequestLog()

            let text = try await Self.boardsync(["explain", id], database: database.name)
            #expect(text.status == 0, "\(text.errors)")
            for line in [
                "Board item ObjectId(\(id)) \"Write the on-call runbook for the sync worker\" (integration plane-acme)",
                "link: conflict, Plane item \(planeId)",
                "Plane URL: \(simulator.baseURL.absoluteString)/acme/projects/\(SyncWorld.nexus)/issues/\(planeId)",
                "priority: \"low\" | \"low\" | \"urgent\"  (edited in Plane; Plane differs from the board)",
                "policy hold: resolve with keep-board or take-plane",
                "open conflicts: 1",
            ] {
                #expect(text.output.contains(line), "missing \(line) in:\n\(text.output)")
            }

            let json = try await Self.boardsync(["explain", id, "--json"], database: database.name)
            #expect(json.status == 0, "\(json.errors)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
            #expect(object["board_item_id"] as? String == id)
            // Every key is written, `null` when there is no value.
            #expect((object["board"] as? [String: Any])?["read_problem"] is NSNull)
            #expect((object["plane"] as? [String: Any])?["error"] is NSNull)
            #expect((object["link"] as? [String: Any])?["state"] as? String == "conflict")
            #expect((object["conflicts"] as? [Any])?.count == 1)
            #expect(((object["next_sync"] as? [[String: Any]])?.first)?["action"] as? String == "conflict")
            let fields = try #require(object["fields"] as? [[String: Any]])
            let priority = try #require(fields.first { $0["name"] as? String == "priority" })
            #expect(priority["plane"] as? String == "urgent" && priority["plane_edited"] as? Bool == true)
            #expect(!json.output.contains("plane_api_"))
            #expect(SyncWorld.writes(await simulator.requestLog()).isEmpty)

            let missing = try await Self.boardsync(["explain", "no-such-item"], database: database.name)
            #expect(missing.status == 2 && missing.errors.contains("no board item has the _id no-such-item"))
        }
    }
}
