import Crypto
import Foundation
import PlaneSimulator
import TestClocks
import Testing

/// The simulator's webhook sends what a genuine Plane sends (`fixtures/plane-samples/webhooks/`): one
/// delivery per changed field, the same headers, Python's JSON bytes signed with the secret, none for a
/// delete, no retry after an HTTP answer, one retry after no answer.
@Suite struct WebhookDeliveryTests {
    static let secret = "plane_wh_testsecret_0123456789abcdef"
    static let samples = SimulatorHarness.packageRoot.appendingPathComponent("fixtures/plane-samples/webhooks")

    /// Every recorded delivery: its file name and the body exactly as Plane sent it.
    static func recordedBodies() throws -> [(name: String, body: String)] {
        try FileManager.default.contentsOfDirectory(atPath: samples.path).filter { $0.hasSuffix(".json") }.sorted()
            .map { name in
                let file = try SimJSON.parse(try Data(contentsOf: samples.appendingPathComponent(name)))
                return (name, try #require(file["body_raw"]?.stringValue))
            }
    }

    static func hmac(_ body: [UInt8], _ secret: String = secret) -> String {
        HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Array(secret.utf8)))
            .map { String(format: "%02x", $0) }.joined()
    }

    static func keys(_ json: SimJSON?) -> [String] { json?.objectValue?.map(\.0) ?? [] }

    /// Runs `body` with a recorder and a simulator posting to it; stops both.
    static func withWebhook(
        retryDelay: Duration = .milliseconds(20),
        _ body: (PlaneSimulator, TestClient, WebhookRecorder) async throws -> Void
    ) async throws {
        let recorder = try await WebhookRecorder.start()
        var configuration = SimulatorHarness.configuration()
        configuration.webhook = WebhookTarget(url: recorder.url, secret: secret, retryDelay: retryDelay)
        do {
            try await SimulatorHarness.with(configuration) { simulator, client in
                try await body(simulator, client, recorder)
            }
        } catch {
            await recorder.stop()
            throw error
        }
        await recorder.stop()
    }

    /// Waits until every write's bump landed and every delivery was answered (or given up).
    static func settled(_ simulator: PlaneSimulator) async -> Bool {
        await eventually(within: .seconds(20)) {
            let bumps = await simulator.pendingBumps()
            let deliveries = await simulator.pendingWebhookDeliveries()
            return bumps == 0 && deliveries == 0
        }
    }

    @Test func pythonDumpsWritesEveryRecordedBodyByteForByte() throws {
        let bodies = try Self.recordedBodies()
        #expect(bodies.count == 12)
        for (name, body) in bodies {
            #expect(try SimJSON.parse(Array(body.utf8)).pythonDumps == body, "\(name)")
        }
        #expect(SimJSON.string("a\u{7F}é\u{1F600}\n/").pythonDumps == "\"a\\u007f\\u00e9\\ud83d\\ude00\\n/\"")
    }

    @Test func aCreateAndAPatchOfThreeChangedFieldsSendFourSignedDeliveriesShapedLikePlanes() async throws {
        try await Self.withWebhook { simulator, client, recorder in
            let created = try await client.post(
                Paths.nexItems, ["name": "Hook one", "external_id": "h1", "external_source": "nexus"])
            let id = try #require(created.json?["id"]?.stringValue)
            let state = try #require(created.json?["state"])
            // name, priority and labels change; state is sent unchanged and the unknown key is not a field.
            let patched = try await client.patch(
                Paths.nexItem(id),
                [
                    "name": "Hook one renamed", "state": state, "priority": "urgent",
                    "labels": [.string(PlaneFixtures.labelID(project: 1, index: 1))], "not_a_field": 1,
                ])
            #expect(patched.status == 200)
            #expect(await Self.settled(simulator))

            let received = recorder.received
            #expect(received.count == 4)
            let sample = try SimJSON.parse(Array(try #require(Self.recordedBodies().first?.body).utf8))
            var deliveryIDs: Set<String> = []
            for request in received {
                #expect(request.method == "POST" && request.path == "/plane")
                #expect(request.header("Content-Type") == "application/json")
                #expect(request.header("User-Agent") == "Autopilot")
                #expect(request.header("X-Plane-Event") == "issue")
                #expect(request.header("X-Plane-Signature") == Self.hmac(request.body))
                let delivery = try #require(request.header("X-Plane-Delivery"))
                #expect(UUID(uuidString: delivery) != nil)
                deliveryIDs.insert(delivery)
                // Python's bytes: ASCII only, its separators, and nothing a re-serialisation would change.
                #expect(request.body.allSatisfy { $0 < 0x80 })
                let json = try SimJSON.parse(request.body)
                #expect(json.pythonDumps == request.text)
                #expect(Self.keys(json) == Self.keys(sample))
                #expect(Self.keys(json["data"]) == Self.keys(sample["data"]))
                #expect(Self.keys(json["activity"]) == Self.keys(sample["activity"]))
                #expect(Self.keys(json["activity"]?["actor"]) == Self.keys(sample["activity"]?["actor"]))
                #expect(json["webhook_id"] == .string(simulator.webhookID))
                #expect(json["workspace_id"] == .string(PlaneFixtures.workspaceID))
                #expect(json["data"]?["id"] == .string(id))
                #expect(json["activity"]?["actor"]?["id"] == .string(PlaneFixtures.botUserID))
            }
            #expect(deliveryIDs.count == 4)
            let bodies = try received.map { try SimJSON.parse($0.body) }
            #expect(bodies.map { $0["action"] } == ["created", "updated", "updated", "updated"])
            #expect(bodies.map { $0["activity"]?["field"] } == [.null, "name", "priority", "labels"])
            #expect(bodies[1]["activity"]?["old_value"] == "Hook one")
            #expect(bodies[1]["activity"]?["new_value"] == "Hook one renamed")
            #expect(bodies[2]["activity"]?["old_value"] == "none")
            #expect(bodies[3]["activity"]?["old_value"] == [])
            // Every delivery of the PATCH carries the item as it is after it, with a GET's updated_at.
            let now = try await client.get(Paths.nexItem(id)).json
            for body in bodies.dropFirst() {
                #expect(body["data"] == bodies[1]["data"])
                #expect(body["data"]?["updated_at"] == now?["updated_at"])
            }
            #expect(bodies[1]["data"]?["name"] == "Hook one renamed")
            #expect(bodies[1]["data"]?["labels"]?.arrayValue?.first?["name"] == "bug")
            #expect(bodies[1]["data"]?["state"]?["group"] == "backlog")
        }
    }

    @Test func aPersonsEditIsEscapedLikePythonAndSignedWithTheSecretNow() async throws {
        try await Self.withWebhook { simulator, client, recorder in
            let created = try await client.post(Paths.nexItems, ["name": "Plain"])
            let id = try #require(created.json?["id"]?.stringValue)
            #expect(await Self.settled(simulator))
            // A new secret (Plane lets it be regenerated) signs what is sent from then on.
            await simulator.setWebhook(WebhookTarget(url: recorder.url, secret: "plane_wh_rotated"))
            let name = "Ünïcødé ✓ 日本 \"quoted\" </tag> 😀"
            try await simulator.editItemAsPerson(id, actorEmail: "alice@acme.example", changes: ["name": .string(name)])
            #expect(await Self.settled(simulator))
            let edit = try #require(recorder.received.last)
            #expect(recorder.received.count == 2)
            #expect(edit.header("X-Plane-Signature") == Self.hmac(edit.body, "plane_wh_rotated"))
            #expect(edit.text.contains("\"name\": \"\\u00dcn\\u00efc\\u00f8d\\u00e9 \\u2713 \\u65e5\\u672c"))
            #expect(edit.text.contains("\\\"quoted\\\" </tag> \\ud83d\\ude00\""))
            let json = try SimJSON.parse(edit.body)
            #expect(json["data"]?["name"] == .string(name))
            #expect(json["activity"]?["actor"]?["email"] == "alice@acme.example")
            #expect(json["data"]?["updated_by"] == .string(PlaneFixtures.aliceUserID))
        }
    }

    @Test func deletesSendNothingAndArchivingIsAnUpdate() async throws {
        try await Self.withWebhook { simulator, client, recorder in
            var ids: [String] = []
            for name in ["Deleted by API", "Deleted by a person", "Archived"] {
                ids.append(
                    try #require(
                        try await client.post(Paths.nexItems, ["name": .string(name)]).json?["id"]?.stringValue))
            }
            #expect(await Self.settled(simulator))
            #expect(recorder.received.count == 3)
            #expect(try await client.delete(Paths.nexItem(ids[0])).status == 204)
            try await simulator.deleteItemAsPerson(ids[1], actorEmail: "alice@acme.example")
            try await simulator.archiveItemAsPerson(ids[2], actorEmail: "alice@acme.example")
            #expect(await Self.settled(simulator))
            #expect(recorder.received.count == 4)
            let archived = try SimJSON.parse(try #require(recorder.received.last).body)
            #expect(archived["action"] == "updated")
            #expect(archived["activity"]?["field"] == "archived_at")
            #expect(archived["data"]?["id"] == .string(ids[2]))
        }
    }

    @Test func anHTTPErrorIsNotRetriedAndNoAnswerIsRetriedOnceWithTheSameBytes() async throws {
        try await Self.withWebhook(retryDelay: .milliseconds(50)) { simulator, client, recorder in
            recorder.script([.status(500), .drop])
            _ = try await client.post(Paths.nexItems, ["name": "Answered 500"])
            #expect(await Self.settled(simulator))
            _ = try await client.post(Paths.nexItems, ["name": "Dropped once"])
            #expect(await Self.settled(simulator))

            let received = recorder.received
            #expect(received.count == 3)
            let attempts = await simulator.webhookAttempts()
            #expect(attempts.map(\.status) == [500, nil, 200])
            #expect(attempts.map(\.retryScheduled) == [false, true, false])
            #expect(attempts.map(\.isRetry) == [false, false, true])
            // The retry: the same body and signature, a new delivery id.
            #expect(received[1].body == received[2].body)
            #expect(received[1].header("X-Plane-Signature") == received[2].header("X-Plane-Signature"))
            #expect(received[1].header("X-Plane-Delivery") != received[2].header("X-Plane-Delivery"))
            #expect(received[0].text.contains("Answered 500") && received[2].text.contains("Dropped once"))
        }
    }

    @Test func aReceiverThatIsDownCostsTheAPINothingAndIsRetriedOnceOnly() async throws {
        // Nothing listens on the recorder's port once it stopped: every attempt is refused.
        let recorder = try await WebhookRecorder.start()
        await recorder.stop()
        var configuration = SimulatorHarness.configuration()
        configuration.webhook = WebhookTarget(url: recorder.url, secret: Self.secret, retryDelay: .milliseconds(10))
        try await SimulatorHarness.with(configuration) { simulator, client in
            let created = try await client.post(Paths.nexItems, ["name": "Nobody listens"])
            #expect(created.status == 201)
            #expect(await Self.settled(simulator))
            let attempts = await simulator.webhookAttempts()
            #expect(attempts.count == 2)
            #expect(attempts.allSatisfy { $0.status == nil && $0.failure != nil })
        }
    }

    @Test func theAdminAPISetsAndRemovesTheWebhook() async throws {
        let recorder = try await WebhookRecorder.start()
        defer { recorder.stopInBackground() }
        try await SimulatorHarness.with { simulator, client in
            let admin = ["X-Sim-Admin-Token": SimulatorHarness.adminToken]
            let set = try await client.send(
                "PUT", "/_sim/webhook",
                json: [
                    "url": .string(recorder.url.absoluteString), "secret": .string(Self.secret), "retry_delay_ms": 10,
                ],
                headers: admin)
            #expect(set.status == 204)
            _ = try await client.post(Paths.nexItems, ["name": "Seen"])
            #expect(await Self.settled(simulator))
            #expect(recorder.received.count == 1)
            let listed = try await client.send("GET", "/_sim/webhook/attempts", headers: admin)
            #expect(listed.json?["attempts"]?.arrayValue?.first?["status"] == 200)
            #expect(try await client.send("DELETE", "/_sim/webhook", headers: admin).status == 204)
            _ = try await client.post(Paths.nexItems, ["name": "Not seen"])
            #expect(await Self.settled(simulator))
            #expect(recorder.received.count == 1)
            let refused = try await client.send("PUT", "/_sim/webhook", json: ["url": "nowhere"], headers: admin)
            #expect(refused.status == 400)
        }
    }
}
