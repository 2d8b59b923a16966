import BoardSyncTestSupport
import Foundation
import MongoDriver
import PlaneAPI
import SyncCore
import Testing

@testable import BoardSync

@Suite struct IntegrationTests {
    static let fixtureIntegration: BSONDocument = {
        let text = try! String(
            contentsOf: BuiltExecutable.packageRoot().appendingPathComponent("fixtures/integrations.json"),
            encoding: .utf8)
        return try! BSONDocument(extendedJSON: text)["integrations"]!.arrayValue![0].documentValue!
    }()

    static let key = "plane_api_0123456789abcdef0123456789abcdef"

    @Test func theFixtureIntegrationValidates() throws {
        let integration = try IntegrationLoader.validate(Self.fixtureIntegration)
        #expect(integration.id == "plane-acme")
        #expect(integration.workspaceSlug == "acme")
        #expect(integration.projects.map(\.boardProjectId) == ["nexus", "ops"])
        #expect(integration.configuration.mapping.status["in_review"] == "In Progress")
        #expect(integration.rateLimit.requests == 60)
        #expect(integration.rateReserve == 0.05)
        #expect(
            integration.configuration.policy.remoteEdits == .hold && integration.configuration.policy.deletes == .delete
        )
        #expect(integration.configuration.mapping.timezone == "UTC")
        #expect(try integration.apiKey(environment: [:]).fingerprint == PlaneAPIKeyFingerprint.of(Self.key))
        #expect("\(integration.credentialSource)" == "inline in the integrations document")
    }

    @Test func everyBadFieldIsNamedAndTheKeyIsNeverShown() {
        var document = Self.fixtureIntegration
        document["base_url"] = "ftp:/nohost"
        document["rate_limit"] = "lots"
        document["rate_reserve"] = 0.9
        document["credentials"] = ["api_key": .string(Self.key), "api_key_env": "PLANE_KEY"]
        document["projects"] = [["board_project_id": "nexus", "plane_project_id": "not-a-uuid"]]
        document["mapping"] = ["status": [:], "labels": "some", "timezone": "Mars/Olympus"]
        document["policy"] = ["remote_edits": "ignore", "max_delete_fraction": 5.0]
        #expect {
            _ = try IntegrationLoader.validate(document)
        } throws: { error in
            guard let error = error as? IntegrationError else { return false }
            let fields = Set(error.problems.map(\.field))
            return fields
                == [
                    "base_url", "rate_limit", "rate_reserve", "credentials", "projects[0].plane_project_id",
                    "mapping.status",
                    "mapping.labels", "mapping.timezone", "policy.remote_edits", "policy.max_delete_fraction",
                ] && error.description.contains("integrations document \"plane-acme\"")
                && !error.description.contains(Self.key)
        }
    }

    @Test func missingCredentialsAndWrongTypesAreNamed() {
        var document = Self.fixtureIntegration
        document["credentials"] = nil
        #expect {
            _ = try IntegrationLoader.validate(document)
        } throws: { ($0 as? IntegrationError)?.problems.first?.reason.contains("holds no API key") == true }
        document["projects"] = "nexus"
        #expect {
            _ = try IntegrationLoader.validate(document)
        } throws: { error in
            (error as? IntegrationError)?.problems == [
                .init(field: "projects", reason: "expected an array, found string")
            ]
        }
    }

    @Test func keysFromAFileOrTheEnvironmentAndTheirErrors() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("plane-key-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data((Self.key + "\n").utf8).write(to: file)

        var document = Self.fixtureIntegration
        document["credentials"] = ["api_key_file": .string(file.path)]
        let fromFile = try IntegrationLoader.validate(document)
        #expect(try fromFile.apiKey(environment: [:]).fingerprint == PlaneAPIKeyFingerprint.of(Self.key))
        #expect("\(fromFile.credentialSource)" == "file \(file.path)")

        document["credentials"] = ["api_key_file": "/run/secrets/missing-plane-key"]
        #expect {
            _ = try IntegrationLoader.validate(document).apiKey(environment: [:])
        } throws: { error in
            (error as? IntegrationError)?.description.contains("/run/secrets/missing-plane-key does not exist") == true
        }

        document["credentials"] = ["api_key_env": "BOARDSYNC_TEST_PLANE_KEY"]
        let fromEnvironment = try IntegrationLoader.validate(document)
        #expect(
            try fromEnvironment.apiKey(environment: ["BOARDSYNC_TEST_PLANE_KEY": Self.key]).fingerprint
                == PlaneAPIKeyFingerprint.of(Self.key))
        #expect {
            _ = try fromEnvironment.apiKey(environment: [:])
        } throws: { error in
            (error as? IntegrationError)?.description.contains("BOARDSYNC_TEST_PLANE_KEY is not set") == true
        }
    }

    @Test func loadingFromMongoDBSkipsDisabledAndReportsInvalidOnesSeparately() async throws {
        try await TestServer.withDatabase { _, database in
            var broken = Self.fixtureIntegration
            broken["_id"] = "plane-broken"
            broken["workspace_slug"] = ""
            var disabled = Self.fixtureIntegration
            disabled["_id"] = "plane-off"
            disabled["enabled"] = false
            try await database.collection(CollectionNames.integrations).insertMany([
                Self.fixtureIntegration, broken, disabled,
            ])
            let loader = IntegrationLoader(database: database)
            let enabled = try await loader.loadEnabled()
            #expect(enabled.count == 2)
            #expect((try? enabled[0].get())?.id == "plane-acme")
            #expect(throws: IntegrationError.self) { try enabled[1].get() }
            #expect(try await loader.load(id: "plane-off").enabled == false)
            await #expect {
                _ = try await loader.load(id: "nope")
            } throws: { ($0 as? IntegrationError)?.description.contains("check --integration") == true }
        }
    }
}

/// The fingerprint PlaneAPIKey shows instead of the key.
enum PlaneAPIKeyFingerprint {
    static func of(_ key: String) -> String {
        PlaneAPIKey(key).fingerprint
    }
}
