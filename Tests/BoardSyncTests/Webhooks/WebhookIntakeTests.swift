import BoardSync
import Testing

/// The receiver's pure checks: path, method, size, signature, JSON; and each outcome's answer.
@Suite struct WebhookIntakeTests {
    static func request(_ path: String, method: String = "POST", body: [UInt8] = [], tooLarge: Bool = false)
        -> WebhookRequest
    {
        WebhookRequest(method: method, path: path, headers: [:], body: body, bodyTooLarge: tooLarge)
    }

    @Test func thePathNamesTheIntegrationAndOnlyPOSTWithinTheCapPasses() throws {
        #expect(try WebhookIntake.check(Self.request("/webhooks/plane/plane-acme")).get() == "plane-acme")
        #expect(try WebhookIntake.check(Self.request("/webhooks/plane/plane-acme/")).get() == "plane-acme")
        #expect(try WebhookIntake.check(Self.request("/webhooks/plane/nexus%2Fone")).get() == "nexus/one")
        for path in ["/", "/webhooks/plane/", "/webhooks/plane/a/b", "/webhooks/github/a", "/metrics"] {
            #expect(throws: WebhookOutcome.notFound) { try WebhookIntake.check(Self.request(path)).get() }
        }
        for method in ["GET", "PUT", "DELETE", "HEAD", "post"] {
            #expect(throws: WebhookOutcome.methodNotAllowed) {
                try WebhookIntake.check(Self.request("/webhooks/plane/a", method: method)).get()
            }
        }
        let cap = WebhookIntake.maximumBodyBytes
        #expect(
            try WebhookIntake.check(Self.request("/webhooks/plane/a", body: .init(repeating: 32, count: cap))).get()
                == "a")
        #expect(throws: WebhookOutcome.tooLarge) {
            try WebhookIntake.check(Self.request("/webhooks/plane/a", body: .init(repeating: 32, count: cap + 1))).get()
        }
        #expect(throws: WebhookOutcome.tooLarge) {
            try WebhookIntake.check(Self.request("/webhooks/plane/a", tooLarge: true)).get()
        }
    }

    @Test func theSignatureIsTheHexHMACOfTheExactBytes() {
        let body = Array("{\"event\": \"issue\"}".utf8)
        let signature = WebhookSignature.sign(body, secret: "s3cret")
        #expect(signature.count == 64)
        #expect(WebhookSignature.problem(header: signature, body: body, secret: "s3cret") == nil)
        #expect(WebhookSignature.problem(header: signature.uppercased(), body: body, secret: "s3cret") == nil)
        #expect(WebhookSignature.problem(header: " \(signature) ", body: body, secret: "s3cret") == nil)
        #expect(WebhookSignature.problem(header: signature, body: body, secret: "other") == .badSignature)
        #expect(WebhookSignature.problem(header: signature, body: body + [32], secret: "s3cret") == .badSignature)
        #expect(
            WebhookSignature.problem(header: String(signature.dropLast(2)), body: body, secret: "s3cret")
                == .badSignature)
        #expect(
            WebhookSignature.problem(header: "zz" + signature.dropFirst(2), body: body, secret: "s3cret")
                == .badSignature)
        #expect(WebhookSignature.problem(header: nil, body: body, secret: "s3cret") == .missingSignature)
        #expect(WebhookSignature.problem(header: "", body: body, secret: "s3cret") == .missingSignature)
        // Python's compact re-serialisation is other bytes: Plane signs the spaced form.
        let compact = Array("{\"event\":\"issue\"}".utf8)
        #expect(WebhookSignature.problem(header: signature, body: compact, secret: "s3cret") == .badSignature)
    }

    @Test func onlyAStoredDeliveryIsAnsweredWith2xx() {
        for outcome in WebhookOutcome.allCases {
            #expect((200..<300).contains(outcome.status) == outcome.accepted, "\(outcome)")
        }
        #expect(WebhookOutcome.badSignature.status == 401 && WebhookOutcome.missingSignature.status == 401)
        #expect(WebhookOutcome.unknownIntegration.status == 404 && WebhookOutcome.methodNotAllowed.status == 405)
        #expect(WebhookOutcome.tooLarge.status == 413 && WebhookOutcome.notJSON.status == 400)
    }

    @Test func aDeliveryNamesItsEventItemFieldAndUpdatedAt() throws {
        let body = Array(
            ("{\"event\": \"issue\", \"action\": \"updated\", \"data\": {\"id\": \"i1\", \"updated_at\": "
                + "\"2026-12-04T05:55:46.377776Z\"}, \"activity\": {\"field\": \"name\", \"actor\": {\"id\": \"u1\"}}}")
                .utf8)
        let delivery = try #require(WebhookDelivery(body: body))
        #expect(delivery.event == "issue" && delivery.action == "updated" && delivery.field == "name")
        #expect(delivery.itemID == "i1" && delivery.actorID == "u1")
        #expect(delivery.updatedAt == "2026-12-04T05:55:46.377776Z")
        #expect(WebhookDelivery(body: Array("[]".utf8)) == nil)
        #expect(WebhookDelivery(body: Array("{".utf8)) == nil)
        #expect(WebhookDelivery(body: Array("{}".utf8))?.event == nil)
    }
}
