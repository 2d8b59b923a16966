import Essentials
import Testing

@Suite struct HTMLEscapingTests {
    /// html5ever's serialisation, as Plane stores descriptions (fixtures/plane-samples: `&amp;`, `&lt;` in text).
    @Test func textAndAttributeValuesAsHTML5everWritesThem() {
        #expect(
            HTMLEscaping.text.escape("a & b < c > d \"e\" 'f'\u{A0}g") == "a &amp; b &lt; c &gt; d \"e\" 'f'&nbsp;g")
        #expect(
            HTMLEscaping.attribute.escape("a & b < c > d \"e\" 'f'\u{A0}g")
                == "a &amp; b < c > d &quot;e&quot; 'f'&nbsp;g")
    }

    @Test func markupEscapesEverythingThatCanEndTextOrAQuotedValue() {
        #expect(
            HTMLEscaping.markup.escape("<a href='x'>\"&\"</a>")
                == "&lt;a href=&#39;x&#39;&gt;&quot;&amp;&quot;&lt;/a&gt;")
        #expect(HTMLEscaping.markup.escape("\u{A0}") == "\u{A0}")
    }

    @Test func onlyTheAmpersandWhenNothingElseIsChosen() {
        #expect(HTMLEscaping().escape("<&>\"'") == "<&amp;>\"'")
    }

    @Test func otherCharactersPassUnchanged() {
        let text = "naïve 🚀 日本語 \u{C2}\u{A1}"
        #expect(HTMLEscaping.text.escape(text) == text)
        var bytes: [UInt8] = []
        HTMLEscaping.text.escape(utf8: "x\u{A0}".utf8, into: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == "x&nbsp;")
    }
}
