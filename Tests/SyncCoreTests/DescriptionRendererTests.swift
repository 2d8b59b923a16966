import Foundation
import Testing

@testable import SyncCore

@Suite struct DescriptionRendererTests {
    let plain = DescriptionRenderer(backlinkTemplate: nil)

    func render(_ markdown: String?) -> String {
        plain.render(markdown: markdown, id: .string("task_1"), projectId: "nexus")
    }

    @Test func emptyDescriptionIsAnEmptyParagraph() {
        #expect(render(nil) == "<p></p>")
        #expect(render("") == "<p></p>")
        #expect(render("  \n\n ") == "<p></p>")
    }

    @Test func markdownBecomesHTML() {
        #expect(render("Hello **world**") == "<p>Hello <strong>world</strong></p>")
        #expect(render("- one\n- two") == "<ul><li>one</li><li>two</li></ul>")
        #expect(
            render("```swift\nlet a = 1 < 2\n```")
                == "<pre><code class=\"language-swift\">let a = 1 &lt; 2\n</code></pre>")
        #expect(
            render("![alt](https://example.com/x.png)") == "<p><img src=\"https://example.com/x.png\" alt=\"alt\"></p>")
        #expect(render("a & b") == "<p>a &amp; b</p>")
    }

    @Test func scriptAndStyleInMarkdownBecomeTextThroughGFMsTagFilter() {
        #expect(
            render("<script>alert(1)</script>\n\nafter") == "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p><p>after</p>")
        #expect(render("x <script>alert('x')</script> y") == "<p>x &lt;script&gt;alert('x')&lt;/script&gt; y</p>")
        #expect(render("<style>p{}</style>text") == "<p>&lt;style&gt;p{}&lt;/style&gt;text</p>")
    }

    @Test func theSanitiserDropsScriptAndStyleWithTheirContent() {
        #expect(HTMLSanitizer.sanitize("<p>x <script>alert('x')</script> y</p>") == "<p>x  y</p>")
        #expect(HTMLSanitizer.sanitize("<style>p{}</style><p>text</p>") == "<p>text</p>")
        #expect(HTMLSanitizer.sanitize("<iframe src=\"https://evil\">inside</iframe>ok") == "<p>ok</p>")
    }

    @Test func dangerousURLsAndEventHandlersAreNeutralised() {
        #expect(render("[x](javascript:alert(1))") == "<p><a>x</a></p>")
        #expect(render("[x](JaVaScRiPt:alert(1))") == "<p><a>x</a></p>")
        #expect(render("<a href=\"data:text/html,hi\">d</a> <a href=' vbscript:x'>v</a>") == "<p><a>d</a> <a>v</a></p>")
        #expect(render("<img src=x onerror=alert(1)>") == "<p><img src=\"x\"></p>")
        #expect(render("<p onclick=\"evil()\">hi</p>") == "<p>hi</p>")
        #expect(
            render("[ok](https://example.com/a?b=1&c=2)")
                == "<p><a href=\"https://example.com/a?b=1&amp;c=2\">ok</a></p>")
    }

    @Test func unknownTagsAreDroppedButTheirTextKept() {
        #expect(render("<div><b>bold</b> <span style=\"x\">s</span></div>") == "<p><b>bold</b> s</p>")
        #expect(render("<section>\n<mark>m</mark> text\n</section>") == "<p>m text</p>")
        #expect(render("<!-- note -->visible") == "<p>visible</p>")
    }

    @Test func lessThanSignsInTextStayText() {
        #expect(render("a < b and 1<2") == "<p>a &lt; b and 1&lt;2</p>")
        #expect(render("NUL\u{0}here") == "<p>NULhere</p>")
    }

    @Test func unbalancedTagsAreClosed() {
        #expect(HTMLSanitizer.sanitize("<p><strong>x</p>") == "<p><strong>x</strong></p>")
        #expect(HTMLSanitizer.sanitize("</em>y<ul><li>z") == "<p>y</p><ul><li>z</li></ul>")
    }

    @Test func backlinkFooterFromTheTemplate() {
        let renderer = DescriptionRenderer(backlinkTemplate: "https://nexus.example/board/{project_id}/{id}")
        let html = renderer.render(markdown: "Body", id: .string("task 4&5"), projectId: "nexus")
        #expect(
            html
                == "<p>Body</p><p>Mirrored from <a href=\"https://nexus.example/board/nexus/task%204%265\">Nexus board</a></p>"
        )
        let empty = renderer.render(markdown: nil, id: .objectId("65a1b2c3d4e5f60718293a4b"), projectId: "nexus")
        #expect(
            empty
                == "<p>Mirrored from <a href=\"https://nexus.example/board/nexus/65a1b2c3d4e5f60718293a4b\">Nexus board</a></p>"
        )
    }

    @Test func markdownBacklinkTemplateIsRenderedAndSanitised() {
        let renderer = DescriptionRenderer(
            backlinkTemplate: "See [the board](https://nexus.example/i/{id}) <script>x</script>")
        #expect(
            renderer.render(markdown: nil, id: .string("t1"), projectId: "p")
                == "<p>See <a href=\"https://nexus.example/i/t1\">the board</a> &lt;script&gt;x&lt;/script&gt;</p>")
    }

    @Test func renderingIsDeterministic() {
        let text =
            "# T\n\nSome *text* with [a link](https://x.example) and `code`.\n\n> quote\n\n| a | b |\n|---|---|\n| 1 | 2 |"
        #expect(render(text) == render(text))
        #expect(render(text).hasPrefix("<h1>T</h1>"))
    }
}

/// What Plane's editor can show survives the sanitiser, in the form the editor stores.
@Suite struct DescriptionShapeTests {
    let plain = DescriptionRenderer(backlinkTemplate: nil)

    func render(_ markdown: String) -> String {
        plain.render(markdown: markdown, id: .string("task_1"), projectId: "nexus")
    }

    @Test func taskListsTakePlanesTaskListMarkup() {
        let checked =
            "<li data-checked=\"true\" data-type=\"taskItem\"><label><input type=\"checkbox\" checked=\"\"><span></span>"
            + "</label><div>"
        let unchecked =
            "<li data-checked=\"false\" data-type=\"taskItem\"><label><input type=\"checkbox\"><span></span></label><div>"
        #expect(
            render("- [x] Write migration\n- [ ] Review")
                == "<ul data-type=\"taskList\">" + checked + "<p>Write migration</p></div></li>" + unchecked
                + "<p>Review</p></div></li></ul>")
        // Loose, with a second paragraph and a nested task list.
        #expect(
            render("- [ ] a\n\n  more\n\n  - [x] sub")
                == "<ul data-type=\"taskList\">" + unchecked + "<p>a</p><p>more</p><ul data-type=\"taskList\">"
                + checked
                + "<p>sub</p></div></li></ul></div></li></ul>")
        // Mixed lists keep the Markdown as text (Plane's task list holds task items only).
        #expect(render("- [x] done\n- plain") == "<ul><li>[x] done</li><li>plain</li></ul>")
        #expect(render("1. [ ] first") == "<ol><li>[ ] first</li></ol>")
    }

    @Test func orderedListsKeepTheirStart() {
        #expect(render("3. a\n4. b") == "<ol start=\"3\"><li>a</li><li>b</li></ol>")
        #expect(render("<ol start=\"x\"><li>a</li></ol>") == "<ol><li>a</li></ol>")
    }

    @Test func tablesKeepTheirStructureWithoutAlignment() {
        #expect(
            render("| a | b |\n| :-- | --: |\n| c | d |")
                == "<table><thead><tr><th>a</th><th>b</th></tr></thead><tbody><tr><td>c</td><td>d</td></tr></tbody></table>"
        )
    }

    @Test func everyHTML5NamedEntityIsDecoded() {
        #expect(render("&mdash; &copy; &euro; &hearts; &Aacute; &NotNestedGreaterGreater;") == "<p>— © € ♥ Á ⪢̸</p>")
        #expect(
            HTMLSanitizer.sanitize("<p>&copy 2026 &amp;c &notin; &notit; &unknown;</p>")
                == "<p>© 2026 &amp;c ∉ ¬it; &amp;unknown;</p>")
        #expect(
            HTMLSanitizer.sanitize("<p><a href=\"?a=1&copy=2&amp;b\">x</a></p>")
                == "<p><a href=\"?a=1&amp;copy=2&amp;b\">x</a></p>")
        #expect(HTMLSanitizer.sanitize("<p>&#x1F600; &#0; &#xD800;</p>") == "<p>😀 \u{FFFD} \u{FFFD}</p>")
    }

    @Test func whitespaceBetweenBlocksIsDropped() {
        #expect(
            render("# T\n\npara one\nline two\n\n> q")
                == "<h1>T</h1><p>para one line two</p><blockquote><p>q</p></blockquote>")
        #expect(render("```\n  code\n\n  kept\n```") == "<pre><code>  code\n\n  kept\n</code></pre>")
    }
}

/// The back-link template is rendered once and the values put in; it must give what rendering each
/// footer whole gives.
@Suite struct BacklinkTemplateTests {
    /// The byte-level encoder keeps exactly RFC 3986's unreserved ASCII, as Foundation's does with that set:
    /// every ASCII character, and letters, digits and spaces from other scripts.
    @Test func percentEncodingKeepsOnlyUnreservedASCII() {
        let unreserved = CharacterSet(
            charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        var samples = (0..<0x80).map { String(Character(Unicode.Scalar(UInt8($0)))) }
        samples += ["Ärger", "٣٤", "項目 7", "a\u{00A0}b", "emoji 🙂", "6650a1c0e4b0c7a1d2f30002", "task_4~5"]
        for text in samples {
            #expect(
                DescriptionRenderer.percentEncode(text)
                    == text.addingPercentEncoding(withAllowedCharacters: unreserved),
                "\(text.debugDescription)")
        }
    }

    @Test(arguments: [
        "Mirrored from the Nexus board: https://nexus.acme.example/board/{project_id}/items/{id}",
        "See [item {id}](https://b.example/{project_id}/{id} \"{id}\") in *{project_id}*",
        "{id}. first on the line", "&{id}; and ~{id}~", "https://b.example/{project_id}/{id}",
    ])
    func substitutedFooterEqualsTheWholeRendering(template: String) {
        let renderer = DescriptionRenderer(backlinkTemplate: template)
        for (id, project) in [
            (BoardItemID.objectId("6650a1c0e4b0c7a1d2f30002"), "nexus"), (.string("task_4~5"), "ops-2"),
            (.string("12"), "copy"), (.string("a b&c"), "n"),
        ] {
            let expanded = template.replacingOccurrences(
                of: "{id}", with: DescriptionRenderer.percentEncode(id.externalId)
            )
            .replacingOccurrences(of: "{project_id}", with: DescriptionRenderer.percentEncode(project))
            #expect(renderer.backlinkFooter(id: id, projectId: project) == FooterTemplate.render(expanded))
        }
    }
}
