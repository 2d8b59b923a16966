import Testing

@testable import PlaneSimulator

/// Expected outputs come from Plane's own pipeline run locally: lxml 6.1.0 `fromstring`/`tostring`, then
/// `validate_html_content` of `apps/api/plane/utils/content_validator.py` (nh3 0.2.18 with Plane's tags,
/// attributes and URL schemes), both at the recorded commit.
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

    /// Plane's allow-list: what BoardSync's descriptions use (task lists, `start`, tables, link titles)
    /// stays; other tags lose their tag, other attributes and other URL schemes are dropped.
    @Test(arguments: [
        ("<section><p>x</p></section>", "<p>x</p>"),
        (
            "<p><span style=\"color:red\" class=\"c\" data-foo=\"1\" lang=\"en\">s</span></p>",
            "<p><span style=\"color:red\" class=\"c\">s</span></p>"
        ),
        (
            "<table><thead><tr><th align=\"left\" colspan=\"2\">h</th></tr></thead></table>",
            "<table><thead><tr><th colspan=\"2\">h</th></tr></thead></table>"
        ),
        ("<ol start=\"3\" type=\"a\" reversed><li>x</li></ol>", "<ol start=\"3\" type=\"a\"><li>x</li></ol>"),
        (
            "<p><a href=\"https://x\" title=\"t\" target=\"_blank\" hreflang=\"en\">l</a></p>",
            "<p><a href=\"https://x\" title=\"t\" target=\"_blank\" rel=\"noopener noreferrer\">l</a></p>"
        ),
        (
            "<p><a href=\"ftp://x\">f</a> <a href=\"tel:+1\">t</a> <a href=\"mailto:a@b\">m</a> <a href=\"/rel\">r</a></p>",
            "<p><a rel=\"noopener noreferrer\">f</a> <a href=\"tel:+1\" rel=\"noopener noreferrer\">t</a> "
                + "<a href=\"mailto:a@b\" rel=\"noopener noreferrer\">m</a> <a href=\"/rel\" rel=\"noopener noreferrer\">r</a></p>"
        ),
        (
            "<p><img src=\"data:image/png;base64,AA\" alt=\"a\" width=\"3\" onerror=\"x\"></p>",
            "<p><img alt=\"a\" width=\"3\"></p>"
        ),
        (
            "<ul data-type=\"taskList\"><li data-checked=\"true\" data-type=\"taskItem\"><label><input type=\"checkbox\" "
                + "checked disabled><span></span></label><div><p>x</p></div></li></ul>",
            "<ul data-type=\"taskList\"><li data-checked=\"true\" data-type=\"taskItem\"><label><input type=\"checkbox\" "
                + "checked=\"\"><span></span></label><div><p>x</p></div></li></ul>"
        ),
        ("<p><iframe src=\"https://e\">inside</iframe>after</p>", "<p>insideafter</p>"),
        (
            "<p><mark>m</mark> <u>u</u> <sup>s</sup> <font color=red>f</font></p>",
            "<p><mark>m</mark> <u>u</u> <sup>s</sup> f</p>"
        ),
        (
            "<pre><code class=\"language-swift\" data-x=\"1\">a</code></pre>",
            "<pre><code class=\"language-swift\">a</code></pre>"
        ),
        ("<blockquote cite=\"x\"><p>q</p></blockquote>", "<blockquote><p>q</p></blockquote>"),
        ("<h1 id=\"x\" style=\"a\">H</h1>", "<h1 id=\"x\" style=\"a\">H</h1>"),
    ])
    func keepsWhatPlanesAllowListKeeps(input: String, expected: String) {
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
