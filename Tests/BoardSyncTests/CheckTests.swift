import BoardSyncTestSupport
import Foundation
import MongoDriver
import PlaneSimulator
import Testing

@testable import BoardSync

/// `boardsync check` against the simulator and the test MongoDB: each kind of ✓, ⚠ and ✗, and never the key.
@Suite struct CheckTests {
    static func check(
        _ database: MongoDatabase, environment: [String: String] = [:], cache: String? = nil,
        uri: String? = nil, integration: String? = nil, webhookURL: String? = nil
    ) async throws -> CheckReport {
        let overrides = BoardSyncSettings.Overrides(
            mongodbURI: try uri ?? TestServer.uri(), database: database.name,
            cachePath: cache
                ?? FileManager.default.temporaryDirectory.appendingPathComponent(
                    "check-\(UUID().uuidString)/cache.sqlite"
                ).path, integration: integration)
        return await PreflightCheck(
            configFile: nil, overrides: overrides, environment: environment, requestTimeout: .seconds(5),
            webhookURL: webhookURL
        ).run()
    }

    /// The fixtures' one unmapped status, mapped: everything passes.
    static func mapEveryStatus(_ database: MongoDatabase) async throws {
        try await SyncWorld.setIntegration(database, ["mapping.status.blocked_on_vendor": "Todo"])
    }

    static func result(_ report: CheckReport, _ check: String) throws -> CheckResult {
        try #require(report.results.first { $0.check == check }, "no \(check) line in\n\(report.text)")
    }

    static func expectNoKey(_ report: CheckReport) {
        #expect(!report.text.contains("plane_api_"), "a key was printed")
        #expect(!report.text.contains(PlaneFixtures.botAPIKey))
    }

    @Test func aHealthyInstallationPassesAndNamesTheKeyForm() async throws {
        try await SyncEndToEndTests.withWorld { database, _, _ in
            try await Self.mapEveryStatus(database)
            let report = try await Self.check(database)
            #expect(report.passed, "\(report.text)")
            for check in [
                "configuration", "MongoDB reachable", "BoardSync's indexes", "board_items index",
                "integration document", "external_source unique", "API key", "Plane project", "status mapping",
                "cache",
            ] {
                #expect(try Self.result(report, check).outcome == .pass, "\(check): \(report.text)")
            }
            let key = try Self.result(report, "API key")
            #expect(key.detail.contains("stored as inline in the integrations document"))
            #expect(key.detail.contains("boardsync-bot@acme.example"))
            #expect(report.results.filter { $0.check == "Plane project" }.count == 2)
            Self.expectNoKey(report)
        }
    }

    @Test func aKeyInAFileOrAnEnvironmentVariableIsReadAndItsFormNamed() async throws {
        try await SyncEndToEndTests.withWorld { database, _, _ in
            try await Self.mapEveryStatus(database)
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("key-\(UUID().uuidString)")
            try Data((PlaneFixtures.botAPIKey + "\n").utf8).write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            try await SyncWorld.setIntegration(database, ["credentials": ["api_key_file": .string(file.path)]])
            let fromFile = try await Self.check(database)
            #expect(fromFile.passed, "\(fromFile.text)")
            #expect(try Self.result(fromFile, "API key").detail.contains("stored as file \(file.path)"))
            Self.expectNoKey(fromFile)

            try await SyncWorld.setIntegration(database, ["credentials": ["api_key_env": "PLANE_KEY_FOR_TEST"]])
            let fromEnv = try await Self.check(database, environment: ["PLANE_KEY_FOR_TEST": PlaneFixtures.botAPIKey])
            #expect(fromEnv.passed, "\(fromEnv.text)")
            #expect(
                try Self.result(fromEnv, "API key").detail.contains("stored as environment variable PLANE_KEY_FOR_TEST")
            )
            Self.expectNoKey(fromEnv)

            let unset = try await Self.check(database)
            let line = try Self.result(unset, "API key")
            #expect(line.outcome == .fail)
            #expect(line.detail.contains("PLANE_KEY_FOR_TEST is not set"))

            try FileManager.default.removeItem(at: file)
            try await SyncWorld.setIntegration(database, ["credentials": ["api_key_file": .string(file.path)]])
            let missing = try Self.result(try await Self.check(database), "API key")
            #expect(missing.outcome == .fail)
            #expect(missing.detail.contains("does not exist or cannot be read"))
            #expect(missing.remedy?.contains("mount the Secret") == true)
        }
    }

    @Test func aKeyPlaneRefusesFailsWithoutBeingPrinted() async throws {
        try await SyncEndToEndTests.withWorld { database, _, _ in
            let wrong = "plane_api_" + String(repeating: "0", count: 32)
            try await SyncWorld.setIntegration(database, ["credentials": ["api_key": .string(wrong)]])
            let report = try await Self.check(database)
            let line = try Self.result(report, "API key")
            #expect(line.outcome == .fail)
            #expect(line.detail.contains("403") && line.detail.contains("not valid"), "\(line.detail)")
            #expect(line.remedy?.contains("new Personal Access Token") == true)
            #expect(!report.text.contains(wrong))
            #expect(!report.passed)
            // No key, no project checks.
            #expect(!report.results.contains { $0.check == "Plane project" })
        }
    }

    @Test func anUnknownProjectFails() async throws {
        try await SyncEndToEndTests.withWorld { database, _, _ in
            let unknown = "5b1f0c3e-8a4d-4c6e-9f21-3d7a1e0000ff"
            try await SyncWorld.setIntegration(database, ["projects.1.plane_project_id": .string(unknown)])
            let report = try await Self.check(database)
            let failed = report.failures.filter { $0.check == "Plane project" }
            #expect(failed.count == 1, "\(report.text)")
            #expect(failed.first?.detail.contains(unknown) == true)
            #expect(failed.first?.detail.contains("404") == true, "\(failed.first?.detail ?? "")")
            #expect(failed.first?.remedy?.contains("plane_project_id") == true)
            Self.expectNoKey(report)
        }
    }

    @Test func anUnmappedBoardStatusAndAMappingToAMissingStateFail() async throws {
        try await SyncEndToEndTests.withWorld { database, _, _ in
            // As loaded, the fixtures hold one item whose status is in no mapping.
            let report = try await Self.check(database)
            let unmapped = report.failures.filter { $0.check == "status mapping" }
            #expect(unmapped.count == 1, "\(report.text)")
            #expect(unmapped.first?.detail.contains("\"blocked_on_vendor\" (1 item)") == true, "\(report.text)")
            #expect(!report.passed)

            try await Self.mapEveryStatus(database)
            try await SyncWorld.setIntegration(database, ["mapping.status.in_review": "Code Review"])
            let missing = try await Self.check(database)
            let lines = missing.failures.filter { $0.check == "status mapping" }
            #expect(lines.count == 2, "\(missing.text)")
            #expect(lines.allSatisfy { $0.detail.contains("\"in_review\" → \"Code Review\" name no state") })
            #expect(lines.first?.detail.contains("\"In Progress\"") == true)
            Self.expectNoKey(missing)
        }
    }

    /// A clash fails where runs refuse: between served integrations, naming the one refused; a disabled
    /// document sharing the source is a warning (enabling it would make the clash).
    @Test func aClashingExternalSourceFails() async throws {
        try await SyncEndToEndTests.withWorld { database, _, _ in
            try await Self.mapEveryStatus(database)
            let integrations = database.collection(CollectionNames.integrations)
            var copy = try #require(try await integrations.findOne(["_id": "plane-acme"]))
            copy["_id"] = "plane-acme-copy"
            copy["enabled"] = false
            _ = try await integrations.insertOne(copy)
            let dormant = try await Self.check(database)
            let warning = try #require(dormant.warnings.first { $0.check == "external_source unique" })
            #expect(warning.detail.contains("disabled document \"plane-acme-copy\""))
            #expect(dormant.passed)

            try await integrations.updateOne(["_id": "plane-acme-copy"], ["$set": ["enabled": true]])
            let report = try await Self.check(database)
            let clash = try #require(report.failures.first { $0.check == "external_source unique" })
            #expect(clash.integration == "plane-acme-copy")
            #expect(clash.detail.contains("also the external_source of integrations document \"plane-acme\""))
            #expect(!report.passed)
            Self.expectNoKey(report)
        }
    }

    @Test func anInvalidIntegrationDocumentNamesItsFields() async throws {
        try await SyncEndToEndTests.withWorld { database, _, _ in
            try await SyncWorld.setIntegration(database, ["base_url": "ftp://plane", "rate_limit": "lots"])
            let report = try await Self.check(database)
            let line = try Self.result(report, "integration document")
            #expect(line.outcome == .fail)
            #expect(line.detail.contains("base_url is not an http(s) URL"))
            #expect(line.detail.contains("rate_limit is not Plane's N/period form"))
            #expect(!report.results.contains { $0.check == "API key" })
        }
    }

    @Test func warningsForUnknownAssigneesBadUpdatedAtAndTheMissingBoardIndex() async throws {
        try await SyncEndToEndTests.withWorld { database, _, _ in
            try await Self.mapEveryStatus(database)
            let items = database.collection(CollectionNames.boardItems)
            try await SyncWorld.edit(database, SyncWorld.hex("03"), ["assignees": ["stranger@elsewhere.example"]])
            try await items.updateOne(
                ["_id": .objectId(BSONObjectId(hex: SyncWorld.hex("05"))!)],
                ["$set": ["updated_at": "2026-01-01T00:00:00Z"]])
            try await items.dropIndex(BoardSyncIndexes.boardItems.name)
            let report = try await Self.check(database)
            #expect(report.passed, "warnings only: \(report.text)")
            let assignees = report.warnings.filter { $0.check == "assignees" }
            #expect(assignees.count == 1)
            #expect(assignees.first?.detail.contains("stranger@elsewhere.example (1)") == true)
            let updatedAt = try Self.result(report, "board_items updated_at")
            #expect(updatedAt.outcome == .warning)
            #expect(updatedAt.detail.contains("1 item(s)") && updatedAt.detail.contains(SyncWorld.hex("05")))
            #expect(try Self.result(report, "board_items index").outcome == .warning)
        }
    }

    /// Missing indexes fail; a cache that cannot be kept only warns, as the runs do (they go on without it).
    @Test func missingIndexesFailAndAnUnwritableCacheWarns() async throws {
        try await TestServer.withDatabase { _, database in
            let report = try await Self.check(database, cache: "/etc/hostname/cache.sqlite")
            let indexes = try Self.result(report, "BoardSync's indexes")
            #expect(indexes.outcome == .fail)
            #expect(indexes.detail.contains("board_links.integration_board_item_unique"))
            #expect(indexes.remedy == "run `boardsync migrate` (safe to run again)")
            #expect(try Self.result(report, "integrations").outcome == .fail)
            let cache = try Self.result(report, "cache")
            #expect(cache.outcome == .warning)
            #expect(cache.detail.contains("/etc/hostname is not a folder"), "\(cache.detail)")
            #expect(cache.detail.contains("running without a cache"), "\(cache.detail)")
        }
    }

    @Test func mongoDBDownFailsAndStopsThere() async throws {
        try await TestServer.withDatabase { _, database in
            let uri = "mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=200"
            let report = try await Self.check(database, uri: uri)
            let line = try Self.result(report, "MongoDB reachable")
            #expect(line.outcome == .fail)
            #expect(line.remedy?.contains("BOARDSYNC_MONGODB_URI") == true)
            #expect(!report.results.contains { $0.check == "BoardSync's indexes" })
            #expect(!report.passed)
            Self.expectNoKey(report)
        }
    }

    /// The real executable: exit 2 on a ✗, the ✗ line and its remedy printed, `--json` parseable, no key.
    @Test func theCommandExitsTwoOnAFailureAndZeroWhenHealthy() async throws {
        try await SyncEndToEndTests.withWorld { database, _, _ in
            let failing = try await CLITests.boardsync(
                ["check", "--cache", "/tmp/boardsync-check-cli.sqlite"], database: database.name)
            #expect(failing.status == 2, "\(failing.output)\(failing.errors)")
            #expect(failing.output.contains("✗ plane-acme: status mapping: board status(es) \"blocked_on_vendor\""))
            #expect(failing.output.contains("    → map every board status"))
            #expect(failing.output.contains("✓ plane-acme: API key: accepted by Plane"))
            #expect(!failing.output.contains("plane_api_"))

            try await Self.mapEveryStatus(database)
            let passing = try await CLITests.boardsync(
                ["check", "--json", "--cache", "/tmp/boardsync-check-cli.sqlite"], database: database.name)
            #expect(passing.status == 0, "\(passing.output)\(passing.errors)")
            let object = try JSONSerialization.jsonObject(with: Data(passing.output.utf8)) as? [String: Any]
            #expect(object?["passed"] as? Bool == true)
            #expect((object?["checks"] as? [[String: Any]])?.count ?? 0 >= 10)
            #expect(!passing.output.contains("plane_api_"))
        }
    }
}
