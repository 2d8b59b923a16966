import Foundation
import SyncReports
import Testing

@Suite struct ConflictTextRendererTests {
    let text = ConflictTextRenderer()

    @Test func listIsAnAlignedTable() {
        let lines = text.list(SampleConflicts.records).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0].hasPrefix("ID       KIND              STATUS      BOARD ITEM"))
        #expect(lines[1].hasPrefix("───────  "))
        #expect(lines[2].hasPrefix("cf-1042  both changed      pending     65a1f0c2e4b0a1b2c3d4e5f6"))
        #expect(lines[2].contains("name, description_html, priority, labels"))
        #expect(lines.last == "5 conflicts, 3 pending")
        // Every row's UPDATED column starts at the same display column.
        let starts = lines[2...6].map { line in Self.displayColumn(of: "2026-", in: String(line)) }
        #expect(Set(starts).count == 1)
    }

    @Test func longValuesAreCutWithAnEllipsis() {
        let record = SampleConflicts.records[0]
        var long = record
        long.boardItemTitle = String(repeating: "very long title ", count: 10)
        let row = text.list([long]).split(separator: "\n")[2]
        #expect(row.contains("very long title very long title ver…"))
    }

    @Test func wideCharactersCountTwoColumns() {
        var record = SampleConflicts.records[0]
        record.boardItemTitle = "漢字のタイトル 🚀"
        var other = record
        other.boardItemTitle = "ascii"
        let lines = text.list([record, other]).split(separator: "\n").map(String.init)
        #expect(Self.displayColumn(of: "name,", in: lines[2]) == Self.displayColumn(of: "name,", in: lines[3]))
    }

    @Test func controlCharactersNeverReachTheTerminal() {
        let output = text.list(SampleConflicts.records) + text.detail(SampleConflicts.records[4])
        #expect(!output.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x0D })
        #expect(output.contains("Migrate | pipes \\ and ⏎ newlines[31m in titles"))
        var record = SampleConflicts.records[1]
        record.message = "bidi \u{202E}txt.exe\u{202C} bell\u{07}"
        #expect(text.detail(record).contains("bidi txt.exe bell"))
    }

    @Test func detailShowsEveryFieldsThreeValues() {
        let detail = text.detail(SampleConflicts.records[1])
        #expect(detail.hasPrefix("Conflict cf-1043  [hand edit, pending]"))
        #expect(detail.contains("Title:       <script>alert(1)</script> Sanitise card titles"))
        #expect(detail.contains("Plane edit:  Tom O'Neil <tom@acme.example> at 2026-11-25 10:01 UTC"))
        #expect(detail.contains("  state\n    base  │ In Progress\n    board │ In Progress\n    plane │ Done"))
        #expect(detail.contains("What happened\n  Plane was edited by hand"))
        let none = text.detail(SampleConflicts.records[4])
        #expect(none.contains("    base  │ (none)"))
    }

    @Test func multiLineValuesKeepTheirLines() {
        var record = SampleConflicts.records[1]
        record.fields = [.init(name: "description_html", base: "a\nb", board: "a\r\nc", plane: nil)]
        #expect(text.detail(record).contains("    board │ a\n          │ c"))
        #expect(text.list([]) == "No conflicts.")
    }

    static func displayColumn(of needle: String, in line: String) -> Int? {
        guard let range = line.range(of: needle) else { return nil }
        return line[..<range.lowerBound].reduce(0) { width, character in
            let wide = character.unicodeScalars.contains { $0.properties.isEmojiPresentation || $0.value >= 0x3000 }
            return width + (wide ? 2 : 1)
        }
    }
}
