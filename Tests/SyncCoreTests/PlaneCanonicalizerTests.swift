import Foundation
import SyncCore
import Testing

@Suite struct PlaneCanonicalizerTests {
    /// `fixtures/plane-samples/work-item-create.json` in the package root.
    static func sample() throws -> (request: [String: Any], response: [String: Any]) {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("fixtures/plane-samples/work-item-create.json")
        let data = try #require(FileManager.default.contents(atPath: url.path), "missing \(url.path)")
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let request = try #require((root["request"] as? [String: Any])?["body"] as? [String: Any])
        let response = try #require(root["body"] as? [String: Any])
        return (request, response)
    }

    static func values(_ body: [String: Any]) -> PlaneValues {
        PlaneValues(
            name: body["name"] as? String ?? "", descriptionHTML: body["description_html"] as? String ?? "<p></p>",
            stateId: body["state"] as? String, priority: body["priority"] as? String ?? "none",
            labelIds: body["labels"] as? [String] ?? [], assigneeIds: body["assignees"] as? [String] ?? [],
            startDate: body["start_date"] as? String, targetDate: body["target_date"] as? String,
            parentId: body["parent"] as? String)
    }

    @Test func reproducesPlanesRewriteOfTheCreateSample() throws {
        let (request, response) = try Self.sample()
        let sent = request["description_html"] as? String ?? ""
        let stored = response["description_html"] as? String ?? ""
        #expect(PlaneCanonicalizer.canonicalHTML(sent) == stored)
    }

    @Test func remoteFingerprintOfTheCanonicalPayloadEqualsThatOfPlanesReply() throws {
        let (request, response) = try Self.sample()
        let metadata = PlaneMetadata(
            projectId: Fixtures.project,
            states: [
                PlaneState(id: response["state"] as? String ?? "", name: "Backlog", group: "backlog", isDefault: true)
            ])
        let predicted = PlaneCanonicalizer(metadata: metadata).canonicalize(Self.values(request), isCreate: true)
        let reply = Self.values(response)
        #expect(predicted == reply)
        #expect(Fingerprint.remote(predicted) == Fingerprint.remote(reply))
    }

    @Test func htmlRules() {
        #expect(PlaneCanonicalizer.canonicalHTML("<p>one</p>") == "<p>one</p>")
        #expect(PlaneCanonicalizer.canonicalHTML("<p>a</p><p>b</p>") == "<div><p>a</p><p>b</p></div>")
        #expect(PlaneCanonicalizer.canonicalHTML("<p></p>") == "<p></p>")
        #expect(PlaneCanonicalizer.canonicalHTML("plain") == "<span>plain</span>")
        #expect(
            PlaneCanonicalizer.canonicalHTML("<p><a href=\"https://x\" rel=\"nofollow\">x</a></p>")
                == "<p><a href=\"https://x\" rel=\"noopener noreferrer\">x</a></p>")
        #expect(
            PlaneCanonicalizer.canonicalHTML("<p>x<br/>y</p><img src=\"a\" alt=\"b\"/>")
                == "<div><p>x<br>y</p><img src=\"a\" alt=\"b\"></div>")
    }

    @Test func fieldRules() {
        let metadata = Fixtures.metadata(defaultAssignee: Fixtures.bob)
        let canonicalizer = PlaneCanonicalizer(metadata: metadata)
        let values = PlaneValues(
            name: "  Title \n", descriptionHTML: "<p>x</p>", stateId: nil,
            labelIds: [Fixtures.bug, "label-of-another-project"],
            assigneeIds: [Fixtures.guest, Fixtures.carol, "stranger"])
        let created = canonicalizer.canonicalize(values, isCreate: true)
        #expect(created.name == "Title")
        #expect(created.stateId == Fixtures.backlog)
        #expect(created.labelIds == [Fixtures.bug])
        #expect(created.assigneeIds == [Fixtures.bob])  // every assignee dropped → project default on create
        let patched = canonicalizer.canonicalize(values, isCreate: false)
        #expect(patched.stateId == nil)
        #expect(patched.assigneeIds.isEmpty)
        var kept = values
        kept.assigneeIds = [Fixtures.alice, Fixtures.guest]
        #expect(canonicalizer.canonicalize(kept, isCreate: true).assigneeIds == [Fixtures.alice])
    }

    @Test func ourRenderedDescriptionsCanonicaliseStably() {
        let renderer = DescriptionRenderer(backlinkTemplate: "https://nexus.example/board/{id}")
        let html = renderer.render(markdown: "Hello [x](https://x.example)", id: .string("t"), projectId: "p")
        let once = PlaneCanonicalizer.canonicalHTML(html)
        #expect(once.hasPrefix("<div><p>Hello <a href=\"https://x.example\" rel=\"noopener noreferrer\">x</a></p>"))
        #expect(PlaneCanonicalizer.canonicalHTML(once) == once)
    }
}
