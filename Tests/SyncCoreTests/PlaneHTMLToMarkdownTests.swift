import Foundation
import SyncCore
import Testing

@Suite struct PlaneHTMLToMarkdownTests {
    let renderer = DescriptionRenderer(backlinkTemplate: "https://nexus.example/board/{project_id}/{id}")
    let id = BoardItemID.string("task_456")

    func planeHTML(_ markdown: String) -> String {
        PlaneCanonicalizer.canonicalHTML(renderer.render(markdown: markdown, id: id, projectId: "nexus"))
    }

    var converter: PlaneHTMLToMarkdown { PlaneHTMLToMarkdown(renderer: renderer, id: id, projectId: "nexus") }

    @Test(arguments: MarkdownCorpus.documents)
    func roundTripGivesTheSameCanonicalHTML(_ markdown: String) {
        let first = planeHTML(markdown)
        let back = converter.markdown(from: first)
        #expect(planeHTML(back) == first, "markdown back:\n\(back)")
        #expect(!back.contains("Mirrored from"))
    }

    @Test func planesCreateSampleBecomesMarkdown() throws {
        let html =
            "<div><h1>Login endpoint</h1><p>Implement <strong>login</strong> with <em>JWT</em> &amp; refresh. "
            + "See <a href=\"https://example.com/spec\" rel=\"noopener noreferrer\">spec</a> 🚀</p>"
            + "<ul><li>one</li><li>two <code>x &lt; y</code></li></ul><ol><li>first</li></ol>"
            + "<pre><code class=\"language-swift\">let a = 1 &lt; 2\n</code></pre><blockquote><p>quoted</p></blockquote>"
            + "<p>raw  and <span style=\"color:red\">span</span></p><table><thead><tr><th>a</th></tr></thead>"
            + "<tbody><tr><td>b</td></tr></tbody></table><hr><p>line<br>break</p>"
            + "<img src=\"https://example.com/x.png\" alt=\"x\"><p>Mirrored from "
            + "<a href=\"https://nexus.example/board/task_456\" rel=\"noopener noreferrer\">Nexus</a></p></div>"
        let converter = PlaneHTMLToMarkdown(
            backlinkFooterHTML: "<p>Mirrored from <a href=\"https://nexus.example/board/task_456\">Nexus</a></p>")
        let expected = """
            # Login endpoint

            Implement **login** with *JWT* & refresh. See [spec](https://example.com/spec) 🚀

            - one
            - two `x < y`

            1. first

            ```swift
            let a = 1 < 2
            ```

            > quoted

            raw  and span

            | a |
            | --- |
            | b |

            ---

            line\\
            break

            ![x](https://example.com/x.png)
            """
        #expect(converter.markdown(from: html) == expected)
    }

    @Test func emptyDescriptionsAndTheFooterAloneAreEmpty() {
        #expect(converter.markdown(from: "<p></p>") == "")
        #expect(converter.markdown(from: planeHTML("")) == "")
        #expect(PlaneHTMLToMarkdown().markdown(from: "") == "")
    }

    @Test func planeWrappersAndEditorMarkupAreUnwrapped() {
        let plain = PlaneHTMLToMarkdown()
        #expect(plain.markdown(from: "<span>just text</span>") == "just text")
        #expect(plain.markdown(from: "<div><div><p>a</p></div></div>") == "a")
        #expect(
            plain.markdown(
                from: "<ul class=\"list-disc\"><li><p>one</p></li><li><p>two</p><ul><li><p>x</p></li></ul></li></ul>")
                == "- one\n- two\n  - x")
        #expect(
            plain.markdown(from: "<p>a <b>b</b> <i>i</i> <strike>s</strike> <u>u</u> <mark>m</mark></p>")
                == "a **b** *i* ~~s~~ <u>u</u> m")
        #expect(
            plain.markdown(
                from:
                    "<ul data-type=\"taskList\"><li data-checked=\"true\"><p>done</p></li><li data-checked=\"false\"><p>todo</p></li></ul>"
            )
                == "- [x] done\n- [ ] todo")
    }

    @Test func planeEditorTablesAndCodeBlocks() {
        let plain = PlaneHTMLToMarkdown()
        let table =
            "<table><tbody><tr><th><p>a</p></th><th><p>b</p></th></tr>"
            + "<tr><td><p>x|y</p><p>second</p></td><td><p>1<br>2</p></td></tr><tr><td><p>short</p></td></tr></tbody></table>"
        #expect(plain.markdown(from: table) == "| a | b |\n| --- | --- |\n| x\\|y<br>second | 1<br>2 |\n| short |   |")
        #expect(
            plain.markdown(
                from: "<pre class=\"code-block\"><code class=\"language-ts language-x\">const a = 1;</code></pre>")
                == "```ts\nconst a = 1;\n```")
        #expect(plain.markdown(from: "<h3>Title</h3><hr><p></p><p>end</p>") == "### Title\n\n---\n\nend")
    }

    @Test func aHeadingEndingInAHashKeepsIt() {
        let markdown = PlaneHTMLToMarkdown().markdown(from: "<h2>Learn C#</h2>")
        #expect(markdown == "## Learn C\\#")
        #expect(
            DescriptionRenderer(backlinkTemplate: nil).render(markdown: markdown, id: id, projectId: "p")
                == "<h2>Learn C#</h2>")
    }

    @Test func hostileTextIsEscapedNotInterpreted() {
        let plain = PlaneHTMLToMarkdown()
        #expect(
            plain.markdown(from: "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>") == "\\<script>alert(1)\\</script>")
        #expect(plain.markdown(from: "<p>x<script>alert(1)</script>y</p>") == "xy")
        #expect(plain.markdown(from: "<p>*not em* and _not_ and a|b</p>") == "\\*not em\\* and \\_not\\_ and a\\|b")
        #expect(plain.markdown(from: "<p>&amp;amp; stays</p>") == "\\&amp; stays")
        #expect(
            plain.markdown(from: "<p>see https://x.example/a_b and www.x.example</p>")
                == "see https\\://x.example/a\\_b and www\\.x.example")
    }

    @Test func inlineCodeWithABacktickTakesALongerFence() {
        let markdown = PlaneHTMLToMarkdown().markdown(from: "<p>x <code>a`b &lt; c</code> y</p>")
        #expect(markdown == "x ``a`b < c`` y")
        #expect(
            DescriptionRenderer(backlinkTemplate: nil).render(markdown: markdown, id: id, projectId: "p")
                == "<p>x <code>a`b &lt; c</code> y</p>")
    }

    /// The Markdown-level differences listed in `Sources/SyncCore/README.md`: same HTML, other Markdown.
    @Test(arguments: [
        ("* a\n* b", "- a\n- b"),
        ("* a\n+ b", "- a\n\n* b"),
        ("__b__ _e_", "**b** *e*"),
        ("soft\nwrap", "soft wrap"),
        ("two spaces  \nbreak", "two spaces\\\nbreak"),
        ("3. three\n4. four", "3. three\n4. four"),
        ("1) one", "1. one"),
        ("## Title ##", "## Title"),
        ("***", "---"),
        ("- a\n  - b\n- c", "- a\n  - b\n- c"),
        ("1. Build\n\n   more\n\n2. Test", "1. Build\n\n   more\n\n2. Test"),
        ("- [x] done\n- [ ] todo", "- [x] done\n- [ ] todo"),
        ("- [x] done\n- plain", "- \\[x\\] done\n- plain"),
        ("a <em>raw</em> b", "a *raw* b"),
        ("| a | b |\n|:-|--:|\n|c|d|", "| a | b |\n| --- | --- |\n| c | d |"),
        ("5 &gt; 3 &amp; 2 &lt; 4 &#92;", "5 > 3 & 2 \\< 4 \\\\"),
    ])
    func markdownLevelDifferences(_ input: String, _ expected: String) {
        let html = planeHTML(input)
        let back = converter.markdown(from: html)
        #expect(back == expected)
        #expect(planeHTML(back) == html)
    }
}
