import Foundation
import SyncReports
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite struct ConflictHTMLRendererTests {
    let page = ConflictHTMLRenderer(generatedAt: SampleConflicts.date("2026-11-25T12:00:00Z"))
        .page(SampleConflicts.records)

    @Test func pageIsWellFormedXML() throws {
        let parser = XMLParser(data: Data(page.utf8))
        let collector = ElementCollector()
        parser.delegate = collector
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        #expect(collector.elements.first == "html")
        #expect(!collector.elements.contains("script"))
        #expect(collector.elements.filter { $0 == "section" }.count == SampleConflicts.records.count)
    }

    @Test func pageIsSelfContained() {
        #expect(page.hasPrefix("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">"))
        #expect(!page.lowercased().contains("<script"))
        #expect(!page.contains("<link"))
        #expect(!page.contains("@import"))
        #expect(!page.contains("url("))
        #expect(!page.contains("src="))
        #expect(page.contains("<style>"))
    }

    @Test func everyValueIsEscaped() {
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; Sanitise card titles"))
        #expect(page.contains("&quot;moved&quot; &amp; &lt;b&gt;late&lt;/b&gt;"))
        #expect(page.contains("Tom O&#39;Neil &lt;tom@acme.example&gt;"))
        #expect(!page.contains("\u{1B}"))
        // A javascript: URL is shown as text, never as a link.
        #expect(!page.contains("href=\"javascript:"))
        #expect(page.contains("href=\"https://plane.acme.example/acme/projects/5977fa62/issues/8f14e45f"))
    }

    @Test func changedValuesAreHighlightedWithAWordDiff() {
        #expect(
            page.contains(
                "<td class=\"changed\"><div class=\"value mono\">Export the board to CSV<ins> and XLSX</ins></div></td>"
            ))
        #expect(page.contains("<del>medium</del><ins>high</ins>"))
        #expect(page.contains("<del>medium</del><ins>urgent</ins>"))
        #expect(page.contains("assignees<ins>, labels</ins>"))
        #expect(page.contains("Dates in <del>the workspace time zone</del><ins>UTC</ins>"))
        #expect(page.contains("<td class=\"same\"><div class=\"value mono\">Export the board to CSV</div></td>"))
    }

    @Test func summaryLinksToEachSection() {
        #expect(page.contains("<a href=\"#c1-cf-1042\">cf-1042</a>"))
        #expect(page.contains("<section class=\"conflict card\" id=\"c1-cf-1042\">"))
        #expect(page.contains("<span class=\"count\"><b>3</b>pending</span>"))
        #expect(page.contains("5 conflicts · plane-acme, plane-beta · generated 2026-11-25 12:00 UTC"))
    }

    @Test func emptyReportSaysSo() {
        let empty = ConflictHTMLRenderer().page([])
        #expect(empty.contains("<p class=\"empty\">No conflicts.</p>"))
        #expect(XMLParser(data: Data(empty.utf8)).parse())
    }

    @Test func charactersXMLForbidsAreDropped() {
        var record = SampleConflicts.records[0]
        record.boardItemTitle = "nul\u{0} bell\u{7} fffe\u{FFFE} ok"
        let html = ConflictHTMLRenderer().page([record])
        #expect(XMLParser(data: Data(html.utf8)).parse())
        #expect(html.contains("nul bell fffe ok"))
    }
}

private final class ElementCollector: NSObject, XMLParserDelegate {
    var elements: [String] = []

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        elements.append(elementName)
    }
}
