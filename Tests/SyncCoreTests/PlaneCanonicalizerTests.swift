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

    /// Rendered descriptions and what Plane stores for them, as Plane's own pipeline (lxml 6.1.0, then
    /// `content_validator.py`'s nh3 0.2.18 with Plane's allow-list) gave them, run locally: the
    /// canonicaliser predicts it byte for byte, so an unchanged description compares equal to the base.
    @Test(arguments: [
        (
            "- [x] Write migration\n- [ ] Two",
            "<div><ul data-type=\"taskList\"><li data-checked=\"true\" data-type=\"taskItem\"><label><input "
                + "type=\"checkbox\" checked=\"\"><span></span></label><div><p>Write migration</p></div></li><li "
                + "data-checked=\"false\" data-type=\"taskItem\"><label><input type=\"checkbox\"><span></span></label>"
                + "<div><p>Two</p></div></li></ul><p>Mirrored: https://b.example/x</p></div>"
        ),
        (
            "3. a\n4. b", "<div><ol start=\"3\"><li>a</li><li>b</li></ol><p>Mirrored: https://b.example/x</p></div>"
        ),
        (
            "| a | b |\n| :-- | --: |\n| c | d |",
            "<div><table><thead><tr><th>a</th><th>b</th></tr></thead><tbody><tr><td>c</td><td>d</td></tr></tbody>"
                + "</table><p>Mirrored: https://b.example/x</p></div>"
        ),
        (
            "&mdash; &copy; &euro; &nbsp;x&#160;y",
            "<div><p>— © € &nbsp;x&nbsp;y</p><p>Mirrored: https://b.example/x</p></div>"
        ),
        (
            "[l](https://x.example \"T & <q>\") ![i](https://x/i.png \"T\")",
            "<div><p><a href=\"https://x.example\" title=\"T &amp; <q>\" rel=\"noopener noreferrer\">l</a> <img "
                + "src=\"https://x/i.png\" alt=\"i\" title=\"T\"></p><p>Mirrored: https://b.example/x</p></div>"
        ),
        (
            "[x](https://e.x/?a=1&b=2)",
            "<div><p><a href=\"https://e.x/?a=1&amp;b=2\" rel=\"noopener noreferrer\">x</a></p><p>Mirrored: "
                + "https://b.example/x</p></div>"
        ),
        (
            "<table><tr><td>x</td></tr><tfoot><tr><td>f</td></tr></tfoot></table>",
            "<div><table><tbody><tr><td>x</td></tr></tbody><tbody><tr><td>f</td></tr></tbody></table><p>Mirrored: "
                + "https://b.example/x</p></div>"
        ),
    ])
    func predictsPlanesStoredFormOfRenderedDescriptions(markdown: String, stored: String) {
        let renderer = DescriptionRenderer(backlinkTemplate: "Mirrored: https://b.example/{id}")
        let html = renderer.render(markdown: markdown, id: .string("x"), projectId: "p")
        #expect(PlaneCanonicalizer.canonicalHTML(html) == stored)
        #expect(PlaneCanonicalizer.canonicalHTML(stored) == stored)
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
