import Foundation
import MongoDriver
import PlaneSimulator
import Testing

@testable import BoardSync

/// The defects people saw in mirrored descriptions (issue 15), each synced end to end: the board item's
/// Markdown set, a sync through the Plane simulator (which rewrites HTML as Plane does), and the
/// `description_html` Plane stores checked for the structure Plane's editor shows.
@Suite struct DescriptionEndToEndTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var defect: String
        var markdown: String
        /// Pieces Plane's stored HTML must hold.
        var holds: [String]
        /// Pieces it must not hold.
        var lacks: [String] = []

        var testDescription: String { defect }
    }

    static let cases: [Case] = [
        Case(
            defect: "a nested list keeps the next top-level item out of it",
            markdown: "- Backend\n  - API\n  - Worker\n- Frontend",
            holds: ["<ul><li>Backend<ul><li>API</li><li>Worker</li></ul></li><li>Frontend</li></ul>"]),
        Case(
            defect: "a loose ordered list is one list, and a list keeps its start",
            markdown: "1. Build\n\n2. Test\n\n3. Deploy\n\ntext\n\n3. three\n4. four",
            holds: [
                "<ol><li><p>Build</p></li><li><p>Test</p></li><li><p>Deploy</p></li></ol>",
                "<ol start=\"3\"><li>three</li><li>four</li></ol>",
            ]),
        Case(
            defect: "a fenced code block in a list item ends at its fence",
            markdown: "- step one\n  ```sh\n  make test\n  ```\n- step two",
            holds: [
                "<ul><li>step one<pre><code class=\"language-sh\">make test\n</code></pre></li><li>step two</li></ul>"
            ]),
        Case(
            defect: "indented code and a tilde fence are code blocks",
            markdown: "Run:\n\n    make test\n\n~~~\nexit 0\n~~~",
            holds: ["<pre><code>make test\n</code></pre>", "<pre><code>exit 0\n</code></pre>"],
            lacks: ["<s>", "<del>"]),
        Case(
            defect: "underscores inside words and spaced asterisks are not emphasis",
            markdown: "Set max_retry_count to 2 * 3 * 4.",
            holds: ["<p>Set max_retry_count to 2 * 3 * 4.</p>"], lacks: ["<em>"]),
        Case(
            defect: "tables without outer pipes or right after text are tables",
            markdown: "Fields:\n| a | b |\n| --- | --- |\n| 1 | 2 |\n\nx | y\n--|--\n3 | 4",
            holds: [
                "<p>Fields:</p><table><thead><tr><th>a</th><th>b</th></tr></thead><tbody><tr><td>1</td><td>2</td>",
                "<table><thead><tr><th>x</th><th>y</th></tr></thead><tbody><tr><td>3</td><td>4</td></tr></tbody></table>",
            ], lacks: ["| a |", "--|--"]),
        Case(
            defect: "a task list is Plane's task list",
            markdown: "- [x] Write migration\n- [ ] Review",
            holds: [
                "<ul data-type=\"taskList\"><li data-checked=\"true\" data-type=\"taskItem\"><label><input "
                    + "type=\"checkbox\" checked=\"\"><span></span></label><div><p>Write migration</p></div></li>",
                "<li data-checked=\"false\" data-type=\"taskItem\"><label><input type=\"checkbox\"><span></span>"
                    + "</label><div><p>Review</p></div></li></ul>",
            ], lacks: ["[x]", "[ ]"]),
        Case(
            defect: "autolinks and bare URLs are links",
            markdown: "Spec: <https://example.com/spec>, status at https://status.example.com/now.",
            holds: [
                "<a href=\"https://example.com/spec\" rel=\"noopener noreferrer\">https://example.com/spec</a>",
                "<a href=\"https://status.example.com/now\" rel=\"noopener noreferrer\">https://status.example.com/now</a>.",
            ]),
        Case(
            defect: "named character references are characters",
            markdown: "A &mdash; B &copy; 2026, 5 &euro; &hearts;",
            holds: ["<p>A — B © 2026, 5 € ♥</p>"], lacks: ["&mdash;", "&copy;", "&euro;"]),
        Case(
            defect: "a link keeps its title and its exact address",
            markdown: "See [the spec](https://example.com/spec \"Version 2\").",
            holds: [
                "<a href=\"https://example.com/spec\" title=\"Version 2\" rel=\"noopener noreferrer\">the spec</a>"
            ]),
    ]

    @Test(arguments: cases)
    func defectIsFixedInWhatPlaneStores(_ example: Case) async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            let item = SyncWorld.hex("02")
            try await SyncWorld.edit(database, item, ["description": .string(example.markdown)])
            let report = try await SyncEndToEndTests.sync(database)
            #expect(report.summary.failed == 2)  // the fixtures' two items that cannot be mirrored
            let stored = try await SyncWorld.planeItem(simulator, externalId: item)
            let html = try #require(stored["description_html"]?.stringValue)
            for piece in example.holds { #expect(html.contains(piece), "\(example.defect): \(html)") }
            for piece in example.lacks { #expect(!html.contains(piece), "\(example.defect): \(html)") }
            #expect(
                html.hasSuffix(
                    "<p>Mirrored from the Nexus board: https://nexus.acme.example/board/nexus/items/\(item)</p></div>"))
        }
    }
}
