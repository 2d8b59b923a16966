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
            // The wrong type and, named at once, the credentials still missing.
            (error as? IntegrationError)?.problems.map(\.field) == ["projects", "credentials"]
                && (error as? IntegrationError)?.problems.first?.reason == "must be an array (it is a string)"
        }
    }

    /// Every field of the wrong type is named at once, with what it should be; a value that could be a
    /// secret is never shown (before, only the first was named).
    @Test func everyFieldOfTheWrongTypeIsNamedAtOnce() {
        var document = Self.fixtureIntegration
        document["enabled"] = "yes"
        document["rate_limit"] = 60
        document["mapping"] = ["version": "2", "status": ["todo": "Todo"]]
        document["scope"] = ["exclude_statuses": "cancelled"]
        document["policy"] = ["max_delete_fraction": "0.2", "adopt_by_title": "yes"]
        document["credentials"] = ["api_key": 12_345_678]
        document["projects"] = [
            ["board_project_id": "nexus", "plane_project_id": .string(SyncWorld.nexus)],
            ["board_project_id": 7, "plane_project_id": .string(SyncWorld.ops)],
        ]
        #expect {
            _ = try IntegrationLoader.validate(document)
        } throws: { error in
            guard let error = error as? IntegrationError else { return false }
            let named = Dictionary(error.problems.map { ($0.field, $0.reason) }, uniquingKeysWith: { $1 })
            let expected = [
                "enabled": "must be true or false (it is a string)", "rate_limit": "must be a string (it is a number)",
                "mapping.version": "must be a whole number (it is a string)",
                "scope.exclude_statuses": "must be an array (it is a string)",
                "policy.max_delete_fraction": "must be a number (it is a string)",
                "policy.adopt_by_title": "must be true or false (it is a string)",
                "credentials.api_key": "must be a string (it is a number)",
                "projects[1].board_project_id": "must be a string (it is a number)",
            ]
            for (field, reason) in expected where named[field] != reason {
                Issue.record("\(field): \(named[field] ?? "not named"), expected \(reason)")
            }
            return named.count == expected.count && !error.description.contains("12345678")
        }
    }

    /// Values that cannot work are named: spaces around external_source, a workspace slug with a slash,
    /// a base_url with a query, empty credential names; and a base_url that does not parse is not echoed.
    @Test func valuesThatCannotWorkAreNamed() {
        var document = Self.fixtureIntegration
        document["external_source"] = "nexus/plane-acme "
        document["workspace_slug"] = "acme/team"
        document["base_url"] = "https://plane.example.com/?x=1"
        document["credentials"] = ["api_key_env": ""]
        #expect {
            _ = try IntegrationLoader.validate(document)
        } throws: { error in
            let fields = Set((error as? IntegrationError)?.problems.map(\.field) ?? [])
            return fields == ["external_source", "workspace_slug", "base_url", "credentials.api_key_env"]
        }
        document = Self.fixtureIntegration
        document["base_url"] = "htp//bot:Sekr3t-pass@plane"
        #expect {
            _ = try IntegrationLoader.validate(document)
        } throws: { error in
            let text = (error as? IntegrationError)?.description ?? ""
            return text.contains("base_url") && !text.contains("Sekr3t") && !text.contains("bot:")
        }
        document = Self.fixtureIntegration
        document["base_url"] = "https://bot:Sekr3t-pass@plane.example.com/api/v1"
        let integration = try? IntegrationLoader.validate(document)
        #expect(integration?.webRoot.absoluteString == "https://plane.example.com")
        #expect(integration?.apiRoot.absoluteString == "https://bot:Sekr3t-pass@plane.example.com/api/v1")
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
            // A source of its own: named with --integration, it would otherwise be refused for plane-acme's.
            disabled["external_source"] = "nexus/plane-off"
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
