/// Writes inline HTML (text, emphasis, code, links, images, breaks) as Markdown cmark-gfm reads back.
///
/// Unknown elements are transparent: their text is kept. A block element met inside an inline
/// context (Plane's editor puts `<p>` in cells) is written inline, separated by a break.
struct MarkdownInlineWriter {
    /// What `<br>` becomes: `\` + newline in paragraphs, raw `<br>` in headings and table cells.
    var lineBreak: String
    var inTableCell = false

    static let paragraph = MarkdownInlineWriter(lineBreak: "\\\n")
    static let singleLine = MarkdownInlineWriter(lineBreak: "<br>")
    static let tableCell = MarkdownInlineWriter(lineBreak: "<br>", inTableCell: true)

    private static let blockNames: Set<String> = [
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "ul", "ol", "li", "table", "tr",
    ]

    /// The Markdown for `nodes`, trimmed, with line starts escaped.
    func write(_ nodes: [HTMLNode]) -> String {
        var raw = inline(nodes).trimmingWhitespace()
        // Escaped text ends in an even run of `\`: an odd one ends in a break into nothing.
        if raw.reversed().prefix(while: { $0 == "\\" }).count % 2 == 1 {
            raw = String(raw.dropLast()).trimmingWhitespace()
        }
        let lines = raw.split(separator: "\n", omittingEmptySubsequences: false)
        return lines.map { MarkdownEscaper.escapeLineStart(String($0)) }.joined(separator: "\n")
    }

    /// A node's Markdown, or an emphasis whose delimiters depend on what stands around it.
    private enum Piece {
        case plain(String)
        case emphasis(inner: String, marker: String, tag: String)
    }

    private func inline(_ nodes: [HTMLNode]) -> String {
        let pieces = nodes.map(piece)
        var out = ""
        for (index, node) in nodes.enumerated() {
            var text: String
            switch pieces[index] {
            case .plain(let plain): text = plain
            case .emphasis(let inner, let marker, let tag):
                let next = pieces[(index + 1)...].lazy.compactMap(Self.firstCharacter).first
                text = Self.emphasis(inner, marker: marker, tag: tag, after: out.last, before: next)
            }
            if isBlock(node), !out.isEmpty, !text.isEmpty, !out.hasSuffix(lineBreak) {
                out = out.trimmingTrailingWhitespace() + lineBreak
                text = text.trimmingWhitespace()
            }
            out += text
        }
        return out
    }

    private static func firstCharacter(_ piece: Piece) -> Character? {
        switch piece {
        case .plain(let text): return text.first
        case .emphasis(let inner, _, _): return inner.isEmpty ? nil : "*"
        }
    }

    private func isBlock(_ node: HTMLNode) -> Bool {
        if case .element(let name, _, _) = node { return Self.blockNames.contains(name) }
        return false
    }

    private func piece(_ node: HTMLNode) -> Piece {
        switch node {
        case .text(let text):
            return .plain(MarkdownEscaper.escapeInline(text))
        case .element(let name, _, let children):
            switch name {
            case "strong", "b": return .emphasis(inner: inline(children), marker: "**", tag: "strong")
            case "em", "i": return .emphasis(inner: inline(children), marker: "*", tag: "em")
            case "s", "del", "strike": return .emphasis(inner: inline(children), marker: "~~", tag: "s")
            case "u":
                let inner = inline(children)
                return .plain(inner.trimmingWhitespace().isEmpty ? inner : "<u>" + inner + "</u>")
            case "code":
                let code = node.textContent
                return .plain(code.isEmpty ? "" : MarkdownEscaper.inlineCode(code, inTableCell: inTableCell))
            case "br": return .plain(lineBreak)
            case "a":
                let label = inline(children)
                guard let href = node.attribute("href"), !href.isEmpty else { return .plain(label) }
                let title = node.attribute("title").map { " " + MarkdownEscaper.title($0) } ?? ""
                return .plain("[" + label + "](" + MarkdownEscaper.destination(href) + title + ")")
            case "img":
                guard let src = node.attribute("src"), !src.isEmpty else { return .plain("") }
                let alt = MarkdownEscaper.escapeInline(node.attribute("alt") ?? "")
                let title = node.attribute("title").map { " " + MarkdownEscaper.title($0) } ?? ""
                return .plain("![" + alt + "](" + MarkdownEscaper.destination(src) + title + ")")
            case "pre":
                return .plain(
                    MarkdownEscaper.inlineCode(node.textContent.trimmingWhitespace(), inTableCell: inTableCell))
            case "hr", "label", "input": return .plain("")
            default:
                return .plain(inline(children))
            }
        }
    }

    /// `**x**`, with spaces at the edges outside the markers; raw HTML (`<strong>x</strong>`) where
    /// CommonMark's flanking rules would not read the markers (`**"x"**y`).
    private static func emphasis(
        _ inner: String, marker: String, tag: String, after previous: Character?,
        before next: Character?
    ) -> String {
        let core = inner.trimmingWhitespace()
        guard !core.isEmpty else { return inner }
        let leading = String(inner.prefix(while: { $0 == " " }))
        let trailing = String(inner.reversed().prefix(while: { $0 == " " }))
        let before = leading.isEmpty ? previous : " "
        let after = trailing.isEmpty ? next : " "
        let opens = !isPunctuation(core.first) || before == nil || before!.isWhitespace || isPunctuation(before)
        let closes = !isPunctuation(core.last) || after == nil || after!.isWhitespace || isPunctuation(after)
        if opens && closes { return leading + marker + core + marker + trailing }
        return leading + "<" + tag + ">" + core + "</" + tag + ">" + trailing
    }

    /// CommonMark's punctuation: ASCII punctuation and Unicode's punctuation categories.
    private static func isPunctuation(_ char: Character?) -> Bool {
        guard let char else { return false }
        return char.isASCII ? (char.isPunctuation || char.isSymbol) : char.isPunctuation
    }
}

extension String {
    func trimmingWhitespace() -> String {
        trimmingLeadingWhitespace().trimmingTrailingWhitespace()
    }

    func trimmingLeadingWhitespace() -> String {
        String(drop(while: { $0 == " " || $0 == "\t" || $0 == "\n" }))
    }

    func trimmingTrailingWhitespace() -> String {
        var text = Substring(self)
        while let last = text.last, last == " " || last == "\t" || last == "\n" { text = text.dropLast() }
        return String(text)
    }
}
