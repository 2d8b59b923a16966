import SyncCore
import Testing

/// Random fragments from dangerous pieces: the sanitiser never crashes and never lets them through.
@Suite struct HTMLSanitizerFuzzTests {
    static let pieces = [
        "<script>", "</script>", "<scr", "ipt>", "<style>", "</style>", "<a href=\"javascript:x\">", "<a href='",
        "java\tscript:", "'>", "</a>", "<img src=x onerror=alert(1)>", "<p onclick=\"x\">", "</p>", "<", ">", "&",
        "&lt;", "&#x3C;script&#x3E;", "\"", "'", "text", " ", "\n", "<!--", "-->", "<![CDATA[", "]]>", "<svg onload=x>",
        "</svg>", "<iframe>", "</iframe>", "<b>", "<div", "/>", "=", "<a href=\"data:text/html,<script>x</script>\">",
        "<IMG SRC=\"jav&#x09;ascript:alert(1)\">", "<a href=\"vbscript:x\">", "<h1>", "</h1>", "`", "**", "[x](",
        "javascript:y)",
    ]

    static let allowed: Set<String> = [
        "p", "br", "strong", "b", "em", "i", "u", "s", "strike", "code", "pre", "blockquote", "ul", "ol", "li", "h1",
        "h2", "h3", "h4", "h5", "h6", "a", "table", "thead", "tbody", "tr", "th", "td", "hr", "img",
    ].reduce(into: Set<String>()) { set, name in
        set.insert(name)
        set.insert("/" + name)
    }

    /// A small deterministic generator (no randomness in tests).
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    @Test func dangerousPiecesNeverSurvive() {
        var generator = Generator(state: 42)
        let renderer = DescriptionRenderer(backlinkTemplate: nil)
        for _ in 0..<2_000 {
            var fragment = ""
            for _ in 0..<generator.next(12) + 1 { fragment += Self.pieces[generator.next(Self.pieces.count)] }
            for html in [
                HTMLSanitizer.sanitize(fragment), renderer.render(markdown: fragment, id: .string("t"), projectId: "p"),
            ] {
                // `<` and `>` are escaped everywhere but in real tags, so each `<…>` is a tag we emitted.
                for tag in html.lowercased().split(separator: "<").dropFirst() {
                    let body = tag.prefix(while: { $0 != ">" })
                    let name = body.first == "/" ? body : body.prefix(while: { $0 != " " && $0 != "/" })
                    #expect(Self.allowed.contains(String(name)), "tag \(name): \(fragment) → \(html)")
                    // Our writer double-quotes every value and escapes `"` in it: split names from values.
                    let parts = body.split(separator: "\"", omittingEmptySubsequences: false)
                    let outside = parts.enumerated().filter { $0.offset % 2 == 0 }.map(\.element).joined()
                    let values = parts.enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
                    #expect(!outside.contains(" on"), "handler: \(fragment) → \(html)")
                    for value in values {
                        let compact = value.filter { !$0.isWhitespace }
                        let dangerous = ["javascript:", "data:", "vbscript:"].contains { compact.hasPrefix($0) }
                        #expect(!dangerous, "url: \(fragment) → \(html)")
                    }
                }
                #expect(HTMLSanitizer.sanitize(html) == html, "not stable: \(fragment) → \(html)")
            }
        }
    }
}
