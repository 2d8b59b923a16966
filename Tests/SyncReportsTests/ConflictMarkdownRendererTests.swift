import SyncReports
import Testing

@Suite struct ConflictMarkdownRendererTests {
    let markdown = ConflictMarkdownRenderer()

    @Test func listIsATableWithOneRowPerRecord() {
        let lines = markdown.list(SampleConflicts.records).split(separator: "\n").map(String.init)
        #expect(lines[0] == "| ID | Kind | Status | Board item | Title | Fields | Updated |")
        #expect(lines[1] == "| --- | --- | --- | --- | --- | --- | --- |")
        #expect(
            lines[2]
                == "| cf-1042 | both changed | pending | 65a1f0c2e4b0a1b2c3d4e5f6 | Export the board to CSV "
                + "| name, description\\_html, priority, labels | 2026-11-25 09:12 UTC |")
        #expect(lines.count == 2 + SampleConflicts.records.count)
    }

    @Test func cellsEscapePipesNewlinesAndMarkup() {
        let list = markdown.list(SampleConflicts.records)
        #expect(list.contains("| Migrate \\| pipes \\\\ and<br>newlines\\[31m in titles |"))
        #expect(list.contains("&lt;script&gt;alert(1)&lt;/script&gt; Sanitise card titles"))
        #expect(!list.contains("<script"))
        // Every row has exactly 8 unescaped pipes, whatever the values hold.
        for line in list.split(separator: "\n") {
            let unescaped = zip(line, [" "] + Array(line)).filter { $0.0 == "|" && $0.1 != "\\" }.count
            #expect(unescaped == 8, "\(line)")
        }
    }

    @Test func detailPutsValuesInFencesLongerThanAnyBacktickRun() {
        var record = SampleConflicts.records[1]
        record.fields = [.init(name: "description_html", base: "```\ncode\n```", board: "a | b", plane: nil)]
        let detail = markdown.detail(record)
        #expect(detail.hasPrefix("## Conflict cf-1043: &lt;script&gt;alert(1)&lt;/script&gt; Sanitise card titles\n"))
        #expect(detail.contains("- **Plane edit:** Tom O'Neil &lt;tom@acme.example&gt; at 2026-11-25 10:01 UTC"))
        #expect(detail.contains("Base:\n\n````\n```\ncode\n```\n````"))
        #expect(detail.contains("Board:\n\n```\na | b\n```"))
        #expect(detail.contains("Plane:\n\n*(none)*"))
    }
}
