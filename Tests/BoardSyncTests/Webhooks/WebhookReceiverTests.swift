import BoardSyncTestSupport
import Foundation
import InMemoryLogging
import MongoDriver
import Testing

@testable import BoardSync

/// The receiver against MongoDB: every recorded delivery's exact bytes and signature are stored once;
/// forged or malformed input has no effect and is counted.
@Suite struct WebhookReceiverTests {
    @Test func everyRecordedDeliveryIsStoredOnceAndAPlaneRetryIsTheSameDelivery() async throws {
        try await WebhookWorld.withDatabase { database in
            let receiver = WebhookWorld.receiver(database)
            let recorded = try WebhookWorld.recorded()
            #expect(recorded.count == 12)
            var outcomes: [String: WebhookOutcome] = [:]
            for delivery in recorded { outcomes[delivery.name] = await receiver.receive(delivery.request) }
            // 022 is Plane's retry of 019: the same bytes under a new X-Plane-Delivery.
            #expect(outcomes["022-created-retry-of-dropped-443s-later.json"] == .duplicate)
            #expect(outcomes.values.filter { $0 == .stored }.count == 11, "\(outcomes)")
            // Replaying everything again stores nothing more.
            for delivery in recorded { #expect(await receiver.receive(delivery.request) == .duplicate) }
            #expect(receiver.counters[.stored] == 11 && receiver.counters[.duplicate] == 13)
            #expect(receiver.counters.total == 24)

            let stored = try await WebhookWorld.stored(database)
            #expect(stored.count == 11)
            let rename = try #require(stored.first { $0["delivery_id"] == "4fbf1bb5-b0c0-40f9-8313-0413f962fb23" })
            #expect(rename["integration_id"] == "plane-acme")
            #expect(rename["event"] == "issue" && rename["action"] == "updated" && rename["field"] == "name")
            #expect(rename["item_id"] == "9879d2c0-4dac-4331-bf56-9443fb8f4ab2")
            #expect(rename["updated_at"] == "2026-12-04T05:55:46.377776Z")
            #expect(rename["actor_id"] == "c4cf0895-64b3-49f6-8554-56a27ef0d549")
            #expect(rename["received_at"]?.dateValue != nil)
            let body = try #require(recorded.first { $0.name.hasPrefix("007") }).body
            #expect(rename["body"] == .string(String(decoding: body, as: UTF8.self)))
            let comment = try #require(stored.first { $0["event"] == "issue_comment" })
            #expect(comment["field"] == .null)
        }
    }

    @Test func forgedAndMalformedRequestsChangeNothingAndAreCounted() async throws {
        try await WebhookWorld.withDatabase { database in
            let logs = InMemoryLogHandler()
            let receiver = WebhookWorld.receiver(database, logs: logs)
            let genuine = try #require(try WebhookWorld.recorded().first { $0.name.hasPrefix("007") })
            func request(
                method: String = "POST", path: String = WebhookWorld.path, headers: [String: String]? = nil,
                body: [UInt8]? = nil, tooLarge: Bool = false
            ) -> WebhookRequest {
                WebhookRequest(
                    method: method, path: path, headers: headers ?? genuine.headers, body: body ?? genuine.body,
                    bodyTooLarge: tooLarge)
            }
            func signed(_ body: [UInt8], _ secret: String = WebhookWorld.secret) -> [String: String] {
                var headers = genuine.headers
                headers["x-plane-signature"] = WebhookSignature.sign(body, secret: secret)
                return headers
            }
            var changed = genuine.body
            changed[changed.count / 2] ^= 0x01
            // A recorded delivery replayed with a newer `updated_at`, to pass the staleness check: the
            // signature still is the original's.
            let text = String(decoding: genuine.body, as: UTF8.self)
            let newer = Array(
                text.replacingOccurrences(of: "\"updated_at\": \"2026-", with: "\"updated_at\": \"2027-").utf8)
            #expect(newer != genuine.body)
            var unsigned = genuine.headers
            unsigned["x-plane-signature"] = nil
            var garbled = genuine.headers
            garbled["x-plane-signature"] = "not-hex"
            let notJSON = Array("{\"event\": \"issue\", ".utf8)
            let oversized = Array(repeating: UInt8(ascii: " "), count: WebhookIntake.maximumBodyBytes + 1)
            let cases: [(String, WebhookRequest, WebhookOutcome)] = [
                ("wrong secret", request(headers: signed(genuine.body, "plane_wh_wrong")), .badSignature),
                ("one byte changed", request(body: changed), .badSignature),
                ("replayed with a newer updated_at", request(body: newer), .badSignature),
                (
                    "another integration's signature", request(headers: signed(genuine.body, WebhookWorld.otherSecret)),
                    .badSignature
                ),
                (
                    "signed for plane-other, sent to plane-acme",
                    request(headers: signed(genuine.body, WebhookWorld.otherSecret)), .badSignature
                ),
                ("no signature header", request(headers: unsigned), .missingSignature),
                ("no headers at all", request(headers: [:]), .missingSignature),
                ("a signature that is not hex", request(headers: garbled), .badSignature),
                ("signed, but not JSON", request(headers: signed(notJSON), body: notJSON), .notJSON),
                (
                    "signed, but a JSON array", request(headers: signed(Array("[1]".utf8)), body: Array("[1]".utf8)),
                    .notJSON
                ),
                ("oversized", request(headers: signed(oversized), body: oversized), .tooLarge),
                ("cut off while read as oversized", request(tooLarge: true), .tooLarge),
                ("GET instead of POST", request(method: "GET"), .methodNotAllowed),
                ("unknown integration", request(path: "/webhooks/plane/plane-nobody"), .unknownIntegration),
                ("outside the receiver's path", request(path: "/webhooks/github/plane-acme"), .notFound),
                ("no integration in the path", request(path: "/webhooks/plane/"), .notFound),
            ]
            for (name, forged, expected) in cases {
                let outcome = await receiver.receive(forged)
                #expect(outcome == expected, "\(name)")
                #expect(!outcome.accepted && !(200..<300).contains(outcome.status), "\(name)")
            }
            #expect(try await WebhookWorld.stored(database).isEmpty)
            #expect(receiver.counters[.badSignature] == 6 && receiver.counters[.missingSignature] == 2)
            #expect(receiver.counters[.tooLarge] == 2 && receiver.counters[.notJSON] == 2)
            #expect(receiver.counters.total == cases.count)
            // The genuine one, sent to the integration it was signed for, still goes through.
            #expect(await receiver.receive(request()) == .stored)
            // And to plane-other it is a forgery: plane-other's secret is another.
            #expect(await receiver.receive(request(path: "/webhooks/plane/plane-other")) == .badSignature)
            #expect(try await WebhookWorld.stored(database).count == 1)
            // Each refusal is logged with its outcome, never with the body or the secret.
            let lines = logs.entries.map { "\($0.message) \($0.metadata)" }
            #expect(lines.count == cases.count + 1)
            #expect(lines.contains { $0.contains("bad_signature") && $0.contains("plane-acme") })
            for line in lines {
                #expect(!line.contains("renamed by alice") && !line.contains("Hook item"), "\(line)")
                #expect(!line.contains(WebhookWorld.secret) && !line.contains(WebhookWorld.otherSecret))
            }
        }
    }

    @Test func aSecretFromAFileOrAVariableIsReadLikeTheKeyAndAMissingOneIsNamed() async throws {
        try await WebhookWorld.withDatabase { database in
            let receiver = WebhookWorld.receiver(database)
            let genuine = try #require(try WebhookWorld.recorded().first { $0.name.hasPrefix("008") })
            let integrations = database.collection(CollectionNames.integrations)
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("webhook-\(UUID().uuidString)")
            try Data((WebhookWorld.secret + "\n").utf8).write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            try await integrations.updateOne(
                ["_id": "plane-acme"],
                [
                    "$set": ["credentials.webhook_secret_file": .string(file.path)],
                    "$unset": ["credentials.webhook_secret": ""],
                ])
            #expect(await receiver.receive(genuine.request) == .stored)

            // A file that is gone: refused with 503 and named, never stored.
            try FileManager.default.removeItem(at: file)
            let second = try #require(try WebhookWorld.recorded().first { $0.name.hasPrefix("009") })
            #expect(await receiver.receive(second.request) == .secretUnavailable)
            let integration = try await IntegrationLoader(database: database).load(id: "plane-acme")
            #expect(throws: IntegrationError.self) { try integration.webhookSecret() }
            do {
                _ = try integration.webhookSecret()
            } catch let error as IntegrationError {
                #expect(error.description.contains("credentials.webhook_secret_file"))
                #expect(error.description.contains("does not exist"))
            }

            // From a variable, as a Kubernetes Secret is also mounted.
            try await integrations.updateOne(
                ["_id": "plane-acme"],
                [
                    "$set": ["credentials.webhook_secret_env": "PLANE_WEBHOOK_SECRET"],
                    "$unset": ["credentials.webhook_secret_file": ""],
                ])
            let fromEnv = try await IntegrationLoader(database: database).load(id: "plane-acme")
            #expect(
                try fromEnv.webhookSecret(environment: ["PLANE_WEBHOOK_SECRET": WebhookWorld.secret])
                    == WebhookWorld.secret)
            #expect(throws: IntegrationError.self) { try fromEnv.webhookSecret(environment: [:]) }

            // None set: the integration has no webhook, and a delivery for it is refused.
            try await integrations.updateOne(
                ["_id": "plane-acme"], ["$unset": ["credentials.webhook_secret_env": ""]])
            #expect(await receiver.receive(second.request) == .noWebhookSecret)
            #expect(try await WebhookWorld.stored(database).count == 1)

            // Two forms at once: the document is refused like one with two API keys.
            try await integrations.updateOne(
                ["_id": "plane-acme"],
                ["$set": ["credentials.webhook_secret": "plane_wh_a", "credentials.webhook_secret_env": "X"]])
            await #expect(throws: IntegrationError.self) {
                try await IntegrationLoader(database: database).load(id: "plane-acme")
            }
            #expect(await receiver.receive(second.request) == .secretUnavailable)
        }
    }

    static func checked(_ secret: String) throws(IntegrationError) -> String {
        try Integration.checkedSecret(
            secret, kind: .webhookSecret, integrationId: "plane-acme", field: "credentials.webhook_secret",
            source: "the secret")
    }

    @Test func theSecretIsNeverShown() throws {
        let secret = "plane_wh_" + String(repeating: "5e", count: 16)
        let checked = try Self.checked(secret)
        #expect(checked == secret)
        #expect(!Redaction.redact("signed with \(secret) today").contains(secret))
        #expect(!LogRedaction.redact("secret=\(secret)").contains(secret))
        // A secret that cannot be one is named by where it came from, not shown.
        let multiline = "plane_wh_first\nsecond"
        do {
            _ = try Self.checked(multiline)
            Issue.record("a secret of two lines was accepted")
        } catch {
            #expect(error.description.contains("credentials.webhook_secret"))
            #expect(!error.description.contains("plane_wh_first"))
        }
    }
}
