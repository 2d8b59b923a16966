import BoardSyncTestSupport
import Foundation
import MongoDriver
import PlaneSimulator
import SyncCache
import SyncCore
import Testing

@testable import BoardSync

/// The exit codes of the README's table and `--json` on an error (issue 12, the smaller items; issue 16,
/// item 3: one exit-code function for the command line and the run record).
@Suite struct CLIExitCodeTests {
    static func boardsync(_ arguments: [String], database: String = "nexus", uri: String? = nil) async throws
        -> ChildProcess.Result
    {
        var environment = ProcessInfo.processInfo.environment
        environment["BOARDSYNC_MONGODB_URI"] = try uri ?? TestServer.uri()
        environment["BOARDSYNC_DATABASE"] = database
        return try await ChildProcess.run(
            try BuiltExecutable.url(named: "boardsync"), arguments: arguments, environment: environment)
    }

    static func jsonObject(_ text: String) -> [String: Any]? {
        try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
    }

    /// Bad usage is 2, as configuration is, for every kind of argument error: argument-parser's own 64
    /// never shows.
    @Test(arguments: [
        ["sync", "--no-such-flag"], ["resync", "--yes", "--item"], ["explain"], ["sync", "--log-format", "xml"],
        ["conflicts", "resolve", "x", "--keep-board", "--take-plane"],
        ["conflicts", "resolve", "x", "--keep-board", "--field", "name"],
        ["run", "--interval", "soon"], ["run", "--metrics-port", "many"], ["no-such-command"],
        ["status", "--lease-duration", "5"],
    ])
    func badUsageExitsTwo(arguments: [String]) async throws {
        let result = try await Self.boardsync(arguments)
        #expect(result.status == 2, "\(arguments): \(result.status) \(result.errors)")
        #expect(!result.errors.isEmpty)
    }

    /// `--json` on an error prints one JSON error object on standard output and exits non-zero, for every
    /// command that takes `--json`: before, `{"integrations": []}` with exit 0, or nothing.
    @Test func everyJSONCommandPrintsAnErrorObjectOnFailure() async throws {
        try await TestServer.withDatabase { _, database in
            let unreachable = "mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=200"
            let cases: [(arguments: [String], uri: String?, status: Int32)] = [
                (["sync", "--json"], nil, 2),  // no enabled integration
                (["resync", "--dry-run", "--json"], nil, 2),
                (["status", "--json"], nil, 2),
                (["explain", "nope", "--json"], nil, 2),
                (["conflicts", "show", "nope", "--json"], nil, 2),
                (["sync", "--json", "--bogus"], nil, 2),
                (["status", "--json"], unreachable, 1),
                (["conflicts", "list", "--json"], unreachable, 1),
                (["sync", "--json"], unreachable, 1),
                (["explain", "x", "--json", "--mongodb-uri", "mongodb://u:p@ss@h/"], nil, 2),
            ]
            for (arguments, uri, status) in cases {
                let result = try await Self.boardsync(arguments, database: database.name, uri: uri)
                #expect(result.status == status, "\(arguments): \(result.status) \(result.errors)")
                let object = Self.jsonObject(result.output)
                let error = object?["error"] as? [String: Any]
                #expect(error?["exit_code"] as? Int == Int(status), "\(arguments): \(result.output)")
                #expect((error?["message"] as? String)?.isEmpty == false, "\(arguments): \(result.output)")
            }
        }
    }

    /// A plan a breaker blocked exits 3 and is recorded 3 (in the run history and the run's event): one
    /// decision, `RunOutcome`. Before, the command line said 3 and the record 0.
    @Test func aBlockedPlanExitsThreeAndIsRecordedThree() async throws {
        try await SyncEndToEndTests.withWorld { database, _, _ in
            try await SyncCacheEngineTests.withCachePath { path in
                let cache = try SyncCache(path: path)
                // The fixtures' two items that cannot be mirrored made fixed, so no item fails.
                try await SyncWorld.edit(database, SyncWorld.hex("3f"), ["title": "A title of a sane length"])
                try await SyncWorld.setIntegration(database, ["mapping.status.blocked_on_vendor": "Todo"])
                let first = try await SyncWorld.run(database, SyncWorld.options(), cache: cache)
                #expect(first.summary.failed == 0, "\(first.summary.problems)")
                // `nexus` mistyped: every nexus item looks out of scope, the deletes are over max_delete_fraction.
                try await SyncWorld.setIntegration(database, ["projects.0.board_project_id": "nexsu"])
                let report = try await SyncWorld.run(database, SyncWorld.options(.full), cache: cache)
                #expect(report.plan.blocked != nil && report.summary.failed == 0)
                #expect(report.outcome.exitCode == 3)
                let runs = try await cache.recentRuns(integrationId: "plane-acme")
                #expect(runs.first?.exitCode == 3, "recorded \(runs.map(\.exitCode))")
                let event = try await database.collection(CollectionNames.events).findOne(
                    ["subject": "board.sync.run.completed", "details.mode": "resync"])
                #expect(event?.value(at: "details.exit_code")?.int64Value == 3)

                let resync = try await Self.boardsync(["resync", "--yes", "--json"], database: database.name)
                #expect(resync.status == 3, "\(resync.errors)")
            }
        }
    }
}
