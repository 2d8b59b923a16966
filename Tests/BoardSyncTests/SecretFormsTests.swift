import BoardSyncTestSupport
import Foundation
import MongoDriver
import PlaneSimulator
import Testing

@testable import BoardSync

/// A key mounted from a Kubernetes Secret, as a file or an environment variable, drives a real sync of the
/// executable, and `check` names the form; the key appears in no output and in no MongoDB document.
@Suite struct SecretFormsTests {
    static func boardsync(_ arguments: [String], database: String, extra: [String: String]) async throws
        -> ChildProcess.Result
    {
        var environment = ProcessInfo.processInfo.environment
        environment["BOARDSYNC_MONGODB_URI"] = try TestServer.uri()
        environment["BOARDSYNC_DATABASE"] = database
        environment.merge(extra) { $1 }
        return try await ChildProcess.run(
            try BuiltExecutable.url(named: "boardsync"), arguments: arguments, environment: environment)
    }

    @Test func aKeyFromAFileThenFromAVariableSyncsAndIsNeverStoredOrShown() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("secret-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            // As a Secret volume mounts it: one file, the key and a trailing newline.
            let file = folder.appendingPathComponent("api-key")
            try Data((PlaneFixtures.botAPIKey + "\n").utf8).write(to: file)
            try await SyncWorld.setIntegration(database, ["credentials": ["api_key_file": .string(file.path)]])

            let fromFile = try await Self.boardsync(["sync", "--json"], database: database.name, extra: [:])
            #expect(fromFile.status == 3, "\(fromFile.errors)")
            let summary = try JSONSerialization.jsonObject(with: Data(fromFile.output.utf8)) as? [String: Any]
            #expect(summary?["created"] as? Int == 62)
            let checkFile = try await Self.boardsync(["check"], database: database.name, extra: [:])
            #expect(checkFile.output.contains("✓ plane-acme: API key: accepted by Plane"))
            #expect(checkFile.output.contains("stored as file \(file.path)"))

            try await SyncWorld.setIntegration(database, ["credentials": ["api_key_env": "PLANE_API_KEY"]])
            try await SyncWorld.edit(database, SyncWorld.hex("04"), ["title": "Edited on the board"])
            let fromEnv = try await Self.boardsync(
                ["sync", "--json"], database: database.name, extra: ["PLANE_API_KEY": PlaneFixtures.botAPIKey])
            let second = try JSONSerialization.jsonObject(with: Data(fromEnv.output.utf8)) as? [String: Any]
            #expect(second?["updated"] as? Int == 1, "\(fromEnv.output)\(fromEnv.errors)")
            let checkEnv = try await Self.boardsync(
                ["check"], database: database.name, extra: ["PLANE_API_KEY": PlaneFixtures.botAPIKey])
            #expect(checkEnv.output.contains("stored as environment variable PLANE_API_KEY"), "\(checkEnv.output)")
            #expect(await simulator.storedItems().contains { $0["name"]?.stringValue == "Edited on the board" })

            for result in [fromFile, checkFile, fromEnv, checkEnv] {
                #expect(
                    !result.output.contains(PlaneFixtures.botAPIKey) && !result.errors.contains(PlaneFixtures.botAPIKey)
                )
            }
            // Nothing BoardSync wrote to MongoDB holds the key.
            for name in [CollectionNames.integrations, CollectionNames.events, CollectionNames.boardLinks] {
                for try await document in database.collection(name).find() {
                    #expect(!"\(document)".contains(PlaneFixtures.botAPIKey), "\(name) holds the key")
                }
            }
        }
    }
}
