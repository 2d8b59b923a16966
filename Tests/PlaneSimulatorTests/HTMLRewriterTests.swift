import Testing

@testable import PlaneSimulator

/// Expected outputs come from lxml 6.1 `fromstring`/`tostring` followed by nh3 0.3 (`clean`), run
/// locally, except attributes (`class`, `style`) that Plane's sanitizer keeps and nh3's defaults drop.
@Suite struct HTMLRewriterTests {
    @Test(arguments: [
        ("hello", "<span>hello</span>"),
        ("<p>a</p>", "<p>a</p>"),
        ("<p>a</p><p>b</p>", "<div><p>a</p><p>b</p></div>"),
        ("hello <b>x</b>", "<span>hello <b>x</b></span>"),
        ("text <p>x</p>", "<div>text <p>x</p></div>"),
        ("  <p>a</p>  ", "<p>a</p>  "),
        ("<a href='x'>l</a>", "<a href=\"x\" rel=\"noopener noreferrer\">l</a>"),
        ("<a href=\"x\" rel=\"nofollow\">l</a>", "<a href=\"x\" rel=\"noopener noreferrer\">l</a>"),
        ("<p>raw <script>alert(1)</script> and</p>", "<p>raw  and</p>"),
        ("<p>&#39;q&quot; &nbsp;x</p>", "<p>'q\" &nbsp;x</p>"),
        ("<P CLASS=a>x</P>", "<p class=\"a\">x</p>"),
        ("<p>a<br/>b</p>", "<p>a<br>b</p>"),
        ("<div onclick=\"x()\">a</div>", "<div>a</div>"),
        ("<a href=\"javascript:alert(1)\">x</a>", "<a rel=\"noopener noreferrer\">x</a>"),
        ("<p>a</p>tail", "<div><p>a</p>tail</div>"),
        ("<ul><li>a<li>b</ul>", "<ul><li>a</li><li>b</li></ul>"),
        ("<p>unclosed", "<p>unclosed</p>"),
        ("<!-- c --><p>x</p>", "<p>x</p>"),
        ("<img src=x>", "<img src=\"x\">"),
        ("<p title='a\"b'>x</p>", "<p title=\"a&quot;b\">x</p>"),
        ("x &amp; y < z", "<span>x &amp; y &lt; z</span>"),
        ("<table><tr><td>a</td></tr></table>", "<table><tbody><tr><td>a</td></tr></tbody></table>"),
        ("<p></p>", "<p></p>"),
        ("<p>emoji 🚀 ünï</p>", "<p>emoji 🚀 ünï</p>"),
    ])
    func rewritesLikePlane(input: String, expected: String) {
        #expect(HTMLRewriter.rewrite(input) == expected)
    }

    @Test(arguments: ["", " ", "\n\t", "<!-- only a comment -->"])
    func rejectsWhatLxmlCannotParse(input: String) {
        #expect(HTMLRewriter.rewrite(input) == nil)
    }

    @Test func reproducesTheRecordedCreateByteForByte() throws {
        let sample = try RecordedSample.load("work-item-create")
        let sent = try #require(sample.requestBody?["description_html"]?.stringValue)
        let stored = try #require(sample.body?["description_html"]?.stringValue)
        #expect(HTMLRewriter.rewrite(sent) == stored)
    }
}
