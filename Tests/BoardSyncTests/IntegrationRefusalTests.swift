import BoardSyncTestSupport
import Foundation
import MongoDriver
import PlaneSimulator
import Testing

@testable import BoardSync

/// Configuration that cannot work is refused loudly, by `check` and by every run, naming the integration
/// document, the field and what to do (issue 12: case 1's configuration half, case 4, and the smaller
/// items about wrong types, the key file and `base_url`).
@Suite struct IntegrationRefusalTests {
    static func sync(_ database: MongoDatabase, _ extra: [String] = []) async throws -> ChildProcess.Result {
        try await CLITests.boardsync(["sync"] + extra, database: database.name)
    }

    static func check(_ database: MongoDatabase) async throws -> [[String: Any]] {
        let result = try await CLITests.boardsync(["check", "--json"], database: database.name)
        let object = try #require(CLIExitCodeTests.jsonObject(result.output), "\(result.output) \(result.errors)")
        return object["checks"] as? [[String: Any]] ?? []
    }

    static func failures(_ checks: [[String: Any]]) -> [String] {
        checks.filter { $0["outcome"] as? String == "fail" }.map { "\($0["check"] ?? ""): \($0["detail"] ?? "")" }
    }

    // MARK: case 1: project mappings that cannot work

    /// `{nexus → P1}, {misc → P1}` (and the same with P1 in capitals, a board project listed twice, one
    /// mapping repeated): before, `check` passed and `sync` ran, each Plane item looking like its own
    /// duplicate and being deleted. Now both refuse it, name both entries, and nothing reaches Plane.
    @Test(arguments: [
        "two board projects, one Plane project", "the same Plane project in capitals",
        "one board project twice", "one mapping repeated",
    ])
    func aProjectMappingThatCannotWorkIsRefused(_ variant: String) async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            let projects: [BSONValue]
            switch variant {
            case "two board projects, one Plane project":
                projects = [
                    ["board_project_id": "nexus", "plane_project_id": .string(SyncWorld.nexus)],
                    ["board_project_id": "ops", "plane_project_id": .string(SyncWorld.nexus)],
                ]
            case "the same Plane project in capitals":
                projects = [
                    ["board_project_id": "nexus", "plane_project_id": .string(SyncWorld.nexus)],
                    ["board_project_id": "ops", "plane_project_id": .string(SyncWorld.nexus.uppercased())],
                ]
            case "one board project twice":
                projects = [
                    ["board_project_id": "nexus", "plane_project_id": .string(SyncWorld.nexus)],
                    ["board_project_id": "nexus", "plane_project_id": .string(SyncWorld.ops)],
                ]
            default:
                projects = [
                    ["board_project_id": "nexus", "plane_project_id": .string(SyncWorld.nexus)],
                    ["board_project_id": "nexus", "plane_project_id": .string(SyncWorld.nexus)],
                ]
            }
            try await SyncWorld.setIntegration(database, ["projects": .array(projects)])
            let failures = Self.failures(try await Self.check(database))
            #expect(
                failures.contains { $0.contains("projects[0]") && $0.contains("projects[1]") },
                "\(variant): \(failures)")

            await simulator.clearRequestLog()
            for arguments in [["sync"], ["resync", "--yes"], ["sync", "--integration", "plane-acme"]] {
                let run = try await CLITests.boardsync(arguments, database: database.name)
                #expect(run.status == 2, "\(variant), \(arguments): \(run.status) \(run.errors)")
                for part in ["integrations document \"plane-acme\"", "projects", "projects[0]", "projects[1]"] {
                    #expect(run.errors.contains(part), "\(variant): \(part) missing in \(run.errors)")
                }
            }
            #expect(await simulator.requestLog().isEmpty, "\(variant): Plane was asked")
        }
    }

    // MARK: wrong types

    /// `enabled: "yes"` used to be skipped as if disabled (the run exited 0 with nothing to do).
    @Test func enabledThatIsNotTrueOrFalseIsAConfigurationError() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            for value: BSONValue in ["yes", 1, "true"] {
                try await SyncWorld.setIntegration(database, ["enabled": value])
                let run = try await Self.sync(database, ["--json"])
                #expect(run.status == 2, "\(value): \(run.status) \(run.output)")
                #expect(run.errors.contains("enabled") && run.errors.contains("true or false"), "\(run.errors)")
                let failures = Self.failures(try await Self.check(database))
                #expect(failures.contains { $0.contains("enabled must be true or false") }, "\(failures)")
            }
            #expect(await simulator.storedItems().isEmpty)
        }
    }

    /// A misspelt field changes nothing without saying so (`policy.delete: keep` is still `delete`; a
    /// document with `enable: true` stays disabled; one of kind "Plane" is never read): `check` names them.
    @Test func checkNamesFieldsThatChangeNothing() async throws {
        try await SyncEndToEndTests.withWorld { database, _, _ in
            try await SyncWorld.setIntegration(
                database, ["policy.delete": "keep", "scope.exclude_status": ["cancelled"], "_comment": "ok"])
            var typo = try #require(
                try await database.collection(CollectionNames.integrations).findOne(["_id": "plane-acme"]))
            typo["_id"] = "plane-typo"
            typo["external_source"] = "nexus/plane-typo"
            typo["enabled"] = nil
            typo["enable"] = true
            var capital = typo
            capital["_id"] = "plane-capital"
            capital["kind"] = "Plane"
            try await database.collection(CollectionNames.integrations).insertMany([typo, capital])
            let warnings = try await Self.check(database).filter { $0["outcome"] as? String == "warning" }
                .map { "\($0["integration"] ?? ""): \($0["detail"] ?? "")" }
            #expect(
                warnings.contains {
                    $0.hasPrefix("plane-acme") && $0.contains("policy.delete") && $0.contains("scope.exclude_status")
                }, "\(warnings)")
            #expect(warnings.contains { $0.hasPrefix("plane-typo") && $0.contains("enable") })
            #expect(warnings.contains { $0.hasPrefix("plane-capital") && $0.contains("kind is \"Plane\"") })
            #expect(!warnings.contains { $0.contains("_comment") })
        }
    }

    // MARK: case 4: two integrations with one external_source

    static func copy(_ database: MongoDatabase, id: String, createdAt: Date? = nil) async throws {
        var document = try #require(
            try await database.collection(CollectionNames.integrations).findOne(["_id": "plane-acme"]))
        document["_id"] = .string(id)
        if let createdAt { document["created_at"] = .date(createdAt) }
        try await database.collection(CollectionNames.integrations).insertOne(document)
    }

    static func links(_ database: MongoDatabase, of integration: String) async throws -> Int {
        try await database.collection(CollectionNames.boardLinks).countDocuments(
            ["integration_id": .string(integration)])
    }

    /// A second enabled integration with plane-acme's `external_source`: before, `check` said ✗ but `sync`
    /// ran it and it adopted every item of the first. Now the one that came later is refused (exit 2),
    /// naming both documents, and the first keeps running.
    @Test func theIntegrationThatCameLaterIsRefusedAndTheFirstKeepsRunning() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            _ = try await Self.sync(database)
            try await Self.copy(database, id: "plane-copy")
            try await SyncWorld.edit(database, SyncWorld.hex("04"), ["title": "Edited after the copy"])

            let run = try await Self.sync(database, ["--json"])
            #expect(run.status == 2, "\(run.status) \(run.errors)")
            for part in ["\"plane-copy\"", "\"plane-acme\"", "external_source", "came first", "nexus/plane-copy"] {
                #expect(run.errors.contains(part), "\(part) missing in \(run.errors)")
            }
            let output = try #require(CLIExitCodeTests.jsonObject(run.output), "\(run.output)")
            let summaries = output["integrations"] as? [[String: Any]] ?? []
            #expect(summaries.map { $0["integration"] as? String } == ["plane-acme"], "the first ran")
            #expect(summaries.first?["updated"] as? Int == 1)
            #expect(try await Self.links(database, of: "plane-copy") == 0, "the copy adopted nothing")
            #expect(await SyncWorld.duplicateExternalIds(simulator).isEmpty)

            let named = try await CLITests.boardsync(["sync", "--integration", "plane-copy"], database: database.name)
            #expect(named.status == 2 && named.errors.contains("came first"), "\(named.errors)")
            let failures = Self.failures(try await Self.check(database))
            #expect(
                failures.contains { $0.contains("external_source unique") && $0.contains("plane-acme") }, "\(failures)")
        }
    }

    /// Which came first is read from `created_at` when both documents have one.
    @Test func createdAtTellsWhichCameFirst() async throws {
        try await SyncEndToEndTests.withWorld { database, _, _ in
            try await SyncWorld.setIntegration(
                database, ["created_at": .date(Date(timeIntervalSince1970: 2_000_000_000))])
            try await Self.copy(database, id: "plane-older", createdAt: Date(timeIntervalSince1970: 1_000_000_000))
            let run = try await Self.sync(database)
            #expect(run.status == 2, "\(run.errors)")
            #expect(run.errors.contains("\"plane-older\", which came first (by created_at)"), "\(run.errors)")
            #expect(try await Self.links(database, of: "plane-acme") == 0)
            #expect(try await Self.links(database, of: "plane-older") > 60)
        }
    }

    /// The daemon serves the first and names the one it refuses; the refused one never writes.
    @Test func theDaemonServesOnlyTheFirst() async throws {
        try await SyncEndToEndTests.withWorld { database, _, _ in
            _ = try await Self.sync(database)
            try await Self.copy(database, id: "plane-copy")
            let daemon = try DaemonProcessTests.daemon(database, ["--interval", "1s", "--no-watch"])
            let served = try await DaemonProcessTests.eventually(.seconds(60)) {
                daemon.errorsSoFar.components(separatedBy: "sync done").count >= 3
            }
            daemon.signal(SIGTERM)
            let ended = await daemon.wait(atMost: .seconds(30))
            #expect(served, "\(daemon.errorsSoFar)")
            #expect(ended?.status == 0)
            #expect(daemon.errorsSoFar.contains("not served") && daemon.errorsSoFar.contains("plane-copy"))
            #expect(try await Self.links(database, of: "plane-copy") == 0)
        }
    }

    // MARK: the key and the address

    /// A 4 MB key file used to read as "Plane is not answering" (exit 1): it is a file that holds no key,
    /// named with its field, before any request.
    @Test func aKeyFileThatIsNotAKeyIsNamedWithItsField() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("big-key-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: file) }
            try Data(repeating: UInt8(ascii: "k"), count: 4 << 20).write(to: file)
            try await SyncWorld.setIntegration(database, ["credentials": ["api_key_file": .string(file.path)]])
            let run = try await Self.sync(database)
            #expect(run.status == 2, "\(run.status) \(run.errors)")
            #expect(run.errors.contains("credentials.api_key_file") && run.errors.contains(file.path))
            #expect(run.errors.contains("not a Plane API key") && !run.errors.contains("not answering"))
            let failures = Self.failures(try await Self.check(database))
            #expect(failures.contains { $0.contains("API key") && $0.contains("not a Plane API key") }, "\(failures)")

            try Data("plane_api_one\nplane_api_two\n".utf8).write(to: file)
            let twoLines = try await Self.sync(database)
            #expect(twoLines.status == 2 && twoLines.errors.contains("several lines"), "\(twoLines.errors)")
            #expect(await simulator.requestLog().isEmpty)
        }
    }

    /// A `base_url` whose path is not Plane's was blamed on "field credentials".
    @Test func aBaseURLWithAnUnknownPathIsBlamedOnBaseURL() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            try await SyncWorld.setIntegration(
                database, ["base_url": .string(simulator.baseURL.absoluteString + "/not-plane")])
            let run = try await Self.sync(database)
            #expect(run.status == 2, "\(run.status) \(run.errors)")
            #expect(run.errors.contains("field base_url") && !run.errors.contains("field credentials"), "\(run.errors)")
            let failures = Self.failures(try await Self.check(database))
            #expect(failures.contains { $0.hasPrefix("base_url") }, "\(failures)")
        }
    }
}
