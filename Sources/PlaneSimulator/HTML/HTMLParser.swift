/// A forgiving HTML fragment parser: enough of HTML to read what a sync client sends (well-formed
/// editor output), with the usual repairs (unclosed `<p>`/`<li>`, stray end tags, void elements).
struct HTMLParser {
    private var scalars: [Unicode.Scalar]
    private var index = 0
    /// Open elements: name, attributes, children so far.
    private var stack: [(String, [(String, String)], [HTMLNode])] = [("#root", [], [])]

    static let rawTextElements: Set<String> = ["script", "style", "textarea", "title", "xmp"]

    private init(_ text: String) { scalars = Array(text.unicodeScalars) }

    /// Parses `text` into its top-level nodes.
    static func parse(_ text: String) -> [HTMLNode] {
        var parser = HTMLParser(text)
        parser.run()
        while parser.stack.count > 1 { parser.closeTop() }
        return parser.stack[0].2
    }

    private mutating func run() {
        var text = ""
        while index < scalars.count {
            let scalar = scalars[index]
            guard scalar == "<", index + 1 < scalars.count else {
                text.unicodeScalars.append(scalar)
                index += 1
                continue
            }
            let next = scalars[index + 1]
            if next == "!" || next == "?" || next == "/" || next.properties.isAlphabetic {
                appendText(&text)
                if next == "!" || next == "?" {
                    skipMarkup()
                } else if next == "/" {
                    endTag()
                } else {
                    startTag()
                }
            } else {
                text.unicodeScalars.append(scalar)
                index += 1
            }
        }
        appendText(&text)
    }

    private mutating func appendText(_ text: inout String) {
        guard !text.isEmpty else { return }
        let decoded = HTMLEntities.decode(text)
        if case .text(let previous)? = stack[stack.count - 1].2.last {
            stack[stack.count - 1].2[stack[stack.count - 1].2.count - 1] = .text(previous + decoded)
        } else {
            stack[stack.count - 1].2.append(.text(decoded))
        }
        text = ""
    }

    private mutating func skipMarkup() {
        if matches("<!--") {
            index += 4
            while index < scalars.count, !matches("-->") { index += 1 }
            index = min(index + 3, scalars.count)
            return
        }
        while index < scalars.count, scalars[index] != ">" { index += 1 }
        index += 1
    }

    private func matches(_ literal: String) -> Bool {
        let wanted = Array(literal.unicodeScalars)
        guard index + wanted.count <= scalars.count else { return false }
        for (offset, scalar) in wanted.enumerated()
        where Character(scalars[index + offset]).lowercased() != Character(scalar).lowercased() {
            return false
        }
        return true
    }

    private mutating func readName() -> String {
        var name = ""
        while index < scalars.count, !scalars[index].properties.isWhitespace, scalars[index] != ">",
            scalars[index] != "/" || name.isEmpty
        {
            if scalars[index] == "=" && !name.isEmpty { break }
            name.unicodeScalars.append(scalars[index])
            index += 1
        }
        return name.lowercased()
    }

    private mutating func skipSpace() {
        while index < scalars.count, scalars[index].properties.isWhitespace { index += 1 }
    }

    private mutating func endTag() {
        index += 2
        let name = readName()
        while index < scalars.count, scalars[index] != ">" { index += 1 }
        index += 1
        guard let depth = stack.lastIndex(where: { $0.0 == name }), depth > 0 else { return }
        while stack.count > depth { closeTop() }
    }

    private mutating func startTag() {
        index += 1
        let name = readName()
        var attributes: [(String, String)] = []
        var selfClosing = false
        while index < scalars.count {
            skipSpace()
            guard index < scalars.count else { break }
            if scalars[index] == ">" {
                index += 1
                break
            }
            if scalars[index] == "/" {
                selfClosing = true
                index += 1
                continue
            }
            let attribute = readName()
            guard !attribute.isEmpty else {
                index += 1
                continue
            }
            skipSpace()
            var value = ""
            if index < scalars.count, scalars[index] == "=" {
                index += 1
                skipSpace()
                value = HTMLEntities.decode(readAttributeValue())
            }
            if !attributes.contains(where: { $0.0 == attribute }) { attributes.append((attribute, value)) }
        }
        implicitlyClose(before: name)
        if HTMLNode.voidElements.contains(name) {
            stack[stack.count - 1].2.append(.element(name: name, attributes: attributes, children: []))
            return
        }
        stack.append((name, attributes, []))
        if Self.rawTextElements.contains(name) {
            var raw = ""
            while index < scalars.count, !matches("</\(name)") {
                raw.unicodeScalars.append(scalars[index])
                index += 1
            }
            if !raw.isEmpty { stack[stack.count - 1].2.append(.text(raw)) }
        } else if selfClosing {
            closeTop()
        }
    }

    private mutating func readAttributeValue() -> String {
        var value = ""
        guard index < scalars.count else { return value }
        let quote = scalars[index]
        if quote == "\"" || quote == "'" {
            index += 1
            while index < scalars.count, scalars[index] != quote {
                value.unicodeScalars.append(scalars[index])
                index += 1
            }
            index += 1
        } else {
            while index < scalars.count, !scalars[index].properties.isWhitespace, scalars[index] != ">" {
                value.unicodeScalars.append(scalars[index])
                index += 1
            }
        }
        return value
    }

    /// The repairs HTML parsers make: a block start closes an open `<p>`, `<li>` closes the previous `<li>`.
    private mutating func implicitlyClose(before name: String) {
        let current = stack[stack.count - 1].0
        if current == "p", HTMLNode.blockTags.contains(name) || name == "li" {
            closeTop()
        } else if name == "li", let depth = stack.lastIndex(where: { $0.0 == "li" }),
            !stack[depth...].contains(where: { $0.0 == "ul" || $0.0 == "ol" })
        {
            while stack.count > depth { closeTop() }
        } else if (name == "td" || name == "th"), current == "td" || current == "th" {
            closeTop()
        } else if name == "tr", let depth = stack.lastIndex(where: { $0.0 == "tr" }),
            !stack[depth...].contains(where: { $0.0 == "table" })
        {
            while stack.count > depth { closeTop() }
        }
    }

    private mutating func closeTop() {
        let (name, attributes, children) = stack.removeLast()
        stack[stack.count - 1].2.append(.element(name: name, attributes: attributes, children: children))
    }
}
