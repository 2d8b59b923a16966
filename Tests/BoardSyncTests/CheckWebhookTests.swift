import BoardSyncTestSupport
import Foundation
import MongoDriver
import PlaneSimulator
import Testing

@testable import BoardSync

/// `check`'s webhook line: the secret resolves (never printed), cannot be read, or is not set (ℹ, not a
/// failure); the receiver's path, or its whole URL from `--webhook-url` or `BOARDSYNC_WEBHOOK_URL`; the
/// events to tick in Plane.
extension CheckTests {
    static let webhookSecret = "plane_wh_checksecret_0123456789abcdef"

    static func webhookLine(_ report: CheckReport) throws -> CheckResult {
        try #require(report.results.first { $0.check == "webhook" && $0.integration == "plane-acme" }, "\(report.text)")
    }

    static func expectNoWebhookSecret(_ report: CheckReport) throws {
        #expect(!report.text.contains(webhookSecret), "the webhook secret was printed")
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        let json = String(decoding: try encoder.encode(report), as: UTF8.self)
        #expect(!json.contains(webhookSecret), "the webhook secret is in --json")
    }

    @Test func aWebhookSecretThatResolvesIsNamedNeverShownWithTheURLAndTheEventsToTick() async throws {
        try await SyncEndToEndTests.withWorld { database, _, _ in
            try await Self.mapEveryStatus(database)
            let none = try await Self.check(database)
            let notSet = try Self.webhookLine(none)
            #expect(notSet.outcome == .info, "\(none.text)")
            #expect(notSet.detail.contains("webhooks not set up (no credentials.webhook_secret"))
            #expect(notSet.webhook?.secret == .notSet && notSet.webhook?.path == "/webhooks/plane/plane-acme")
            #expect(none.passed, "no webhook is not a failure: \(none.text)")
            #expect(none.text.contains("ℹ plane-acme: webhook: webhooks not set up"))

            let file = FileManager.default.temporaryDirectory.appendingPathComponent("wh-\(UUID().uuidString)")
            try Data((Self.webhookSecret + "\n").utf8).write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            try await SyncWorld.setIntegration(database, ["credentials.webhook_secret_file": .string(file.path)])
            let fromFile = try await Self.check(database, webhookURL: "https://boardsync.example.com/")
            let line = try Self.webhookLine(fromFile)
            #expect(line.outcome == .pass, "\(fromFile.text)")
            #expect(line.detail.contains("secret resolves (stored as file \(file.path))"))
            #expect(
                line.detail.contains(
                    "https://boardsync.example.com/webhooks/plane/plane-acme (base from --webhook-url)"))
            #expect(line.detail.contains("Workspace settings → Webhooks → Add webhook"))
            #expect(line.detail.contains("\"Select individual events\" → tick \"Work items\" only"))
            #expect(line.detail.contains("acts on issue events"))
            let setup = try #require(line.webhook)
            #expect(setup.secret == .resolves && setup.url == "https://boardsync.example.com/webhooks/plane/plane-acme")
            #expect(setup.urlFrom == "--webhook-url" && setup.events == ["issue"] && setup.tick == ["Work items"])
            #expect(try Self.result(fromFile, "webhook URL").outcome == .pass)
            #expect(fromFile.passed, "\(fromFile.text)")
            try Self.expectNoWebhookSecret(fromFile)

            // The base from the environment, and said so; without one, the path and how to get the URL.
            let fromEnv = try await Self.check(
                database, environment: ["BOARDSYNC_WEBHOOK_URL": "https://hooks.example.org/boardsync"])
            #expect(
                try Self.webhookLine(fromEnv).webhook?.url
                    == "https://hooks.example.org/boardsync/webhooks/plane/plane-acme")
            #expect(try Self.webhookLine(fromEnv).detail.contains("(base from BOARDSYNC_WEBHOOK_URL)"))
            let pathOnly = try Self.webhookLine(try await Self.check(database))
            #expect(pathOnly.webhook?.url == nil)
            #expect(
                pathOnly.detail.contains(
                    "/webhooks/plane/plane-acme (give --webhook-url https://host or BOARDSYNC_WEBHOOK_URL"))

            // The real command's --json carries the same, and no secret.
            let cli = try await CLITests.boardsync(
                [
                    "check", "--json", "--cache", "/tmp/boardsync-check-webhook.sqlite", "--webhook-url",
                    "https://boardsync.example.com",
                ], database: database.name)
            #expect(cli.status == 0, "\(cli.output)\(cli.errors)")
            #expect(!cli.output.contains(Self.webhookSecret) && !cli.errors.contains(Self.webhookSecret))
            let object = try JSONSerialization.jsonObject(with: Data(cli.output.utf8)) as? [String: Any]
            let checks = try #require(object?["checks"] as? [[String: Any]])
            let webhook = try #require(
                checks.first { $0["check"] as? String == "webhook" }?["webhook"] as? [String: Any])
            #expect(webhook["secret"] as? String == "resolves")
            #expect(webhook["url"] as? String == "https://boardsync.example.com/webhooks/plane/plane-acme")
            #expect(webhook["url_from"] as? String == "--webhook-url")
            #expect(webhook["events"] as? [String] == ["issue"])
        }
    }

    @Test func aWebhookSecretThatCannotBeReadFailsNamingItsField() async throws {
        try await SyncEndToEndTests.withWorld { database, _, _ in
            try await Self.mapEveryStatus(database)
            let missing = "/nonexistent/\(UUID().uuidString)/plane-webhook-secret"
            try await SyncWorld.setIntegration(database, ["credentials.webhook_secret_file": .string(missing)])
            let fromFile = try await Self.check(database)
            let line = try Self.webhookLine(fromFile)
            #expect(line.outcome == .fail, "\(fromFile.text)")
            #expect(line.detail.contains("credentials.webhook_secret_file: the file \(missing) does not exist"))
            #expect(line.remedy?.contains("mount the Secret there") == true)
            #expect(line.webhook?.secret == .unreadable)
            #expect(!fromFile.passed)

            try await SyncWorld.setIntegration(database, ["credentials.webhook_secret_env": "WEBHOOK_SECRET_FOR_TEST"])
            try await database.collection(CollectionNames.integrations).updateOne(
                ["_id": "plane-acme"], ["$unset": ["credentials.webhook_secret_file": ""]])
            let unset = try Self.webhookLine(try await Self.check(database))
            #expect(unset.outcome == .fail)
            #expect(
                unset.detail.contains(
                    "credentials.webhook_secret_env: the environment variable WEBHOOK_SECRET_FOR_TEST"))
            let set = try await Self.check(database, environment: ["WEBHOOK_SECRET_FOR_TEST": Self.webhookSecret])
            #expect(try Self.webhookLine(set).outcome == .pass, "\(set.text)")
            #expect(try Self.webhookLine(set).detail.contains("stored as environment variable WEBHOOK_SECRET_FOR_TEST"))
            try Self.expectNoWebhookSecret(set)
        }
    }

    /// The public base: one that is not an address fails (naming where it was given, never its password);
    /// a private one warns that Plane refuses it unless its operator allows it.
    @Test func aWebhookURLThatIsNoAddressFailsAndAPrivateOneWarns() throws {
        #expect(throws: CheckProblem.self) { try WebhookPublicURL("boardsync.example.com", from: "--webhook-url") }
        do {
            _ = try WebhookPublicURL("https://user:hunter2secret@host.example.com", from: "BOARDSYNC_WEBHOOK_URL")
            Issue.record("a URL with a password was accepted")
        } catch {
            #expect(error.detail.contains("BOARDSYNC_WEBHOOK_URL") && !error.detail.contains("hunter2secret"))
        }
        #expect(throws: CheckProblem.self) {
            try WebhookPublicURL("https://host.example.com/webhooks/plane/plane-acme", from: "--webhook-url")
        }
        for host in [
            "http://localhost:8081", "http://127.0.0.1:8081", "https://10.1.2.3", "http://192.168.1.5",
            "http://172.20.0.4", "http://boardsync.boardsync.svc.cluster.local:8081", "http://[::1]:8081",
        ] {
            let url = try WebhookPublicURL(host, from: "--webhook-url")
            #expect(url.isPrivate, "\(host)")
            let line = WebhookCheck.publicURLResult(url)
            #expect(line.outcome == .warning)
            #expect(line.remedy?.contains("WEBHOOK_ALLOWED_HOSTS") == true)
        }
        for host in ["https://boardsync.example.com", "https://172.32.0.1", "https://8.8.8.8"] {
            #expect(!(try WebhookPublicURL(host, from: "--webhook-url")).isPrivate, "\(host)")
        }
        // An id the path must encode comes back whole through the receiver's own parsing.
        let path = WebhookPublicURL.path(integrationId: "acme plane/1")
        let request = WebhookRequest(method: "POST", path: path, headers: [:], body: [])
        #expect(WebhookIntake.check(request) == .success("acme plane/1"))
    }
}
