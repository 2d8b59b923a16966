/// Writes block-level HTML (paragraphs, headings, lists, code blocks, quotes, tables, rules) as
/// Markdown blocks, in the subset Ink renders. Unknown containers are unwrapped; unknown inline
/// elements are written as their text.
struct MarkdownBlockWriter {
    /// The writer for paragraphs: `\`-newline breaks at top level, `<br>` inside a quote.
    var paragraph = MarkdownInlineWriter.paragraph

    private static let containers: Set<String> = [
        "div", "section", "article", "main", "body", "html", "figure", "details", "header", "footer", "aside",
        "nav", "center",
    ]
    private static let blockNames = containers.union([
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "pre", "blockquote", "table", "hr",
    ])

    /// One Markdown string per block, in order; empty blocks are left out.
    func blocks(_ nodes: [HTMLNode]) -> [String] {
        var out: [String] = []
        var run: [HTMLNode] = []
        func flush() {
            let text = paragraph.write(run)
            if !text.isEmpty { out.append(text) }
            run = []
        }
        for node in nodes {
            guard case .element(let name, _, let children) = node, isBlock(node) else {
                run.append(node)
                continue
            }
            flush()
            switch name {
            case "p": out.append(paragraph.write(children))
            case "h1", "h2", "h3", "h4", "h5", "h6": out.append(heading(level: Int(name.dropFirst())!, children))
            case "ul", "ol", "li": out.append(list(node, indent: ""))
            case "pre": out.append(codeBlock(node))
            case "blockquote": out.append(quote(children))
            case "table": out.append(MarkdownTableWriter.table(node))
            case "hr": out.append("---")
            default: out += blocks(children)
            }
        }
        flush()
        return out.filter { !$0.isEmpty }
    }

    /// True for block elements, and for unknown elements that hold one.
    private func isBlock(_ node: HTMLNode) -> Bool {
        guard case .element(let name, _, let children) = node else { return false }
        if Self.blockNames.contains(name) { return true }
        return children.contains(where: isBlock)
    }

    private func heading(level: Int, _ children: [HTMLNode]) -> String {
        var text = MarkdownInlineWriter.singleLine.write(children)
        guard !text.isEmpty else { return "" }
        // Ink drops a closing `#` run, escaped or not; an entity survives.
        if text.hasSuffix("#") { text = String(text.dropLast()) + "&#35;" }
        return String(repeating: "#", count: level) + " " + text
    }

    /// A list and its nested lists; `- ` bullets, `1. ` numbers, nested lists indented by the marker width.
    private func list(_ node: HTMLNode, indent: String) -> String {
        guard case .element(let name, _, let children) = node else { return "" }
        let ordered = name == "ol"
        let items = name == "li" ? [node] : children.filter { if case .element = $0 { true } else { false } }
        var number = Int(node.attribute("start") ?? "") ?? 1
        var lines: [String] = []
        for item in items {
            guard case .element(let itemName, _, let itemChildren) = item else { continue }
            if itemName == "ul" || itemName == "ol" {
                lines.append(list(item, indent: indent + "  "))
                continue
            }
            let marker = ordered ? "\(number). " : "- "
            number += 1
            var content: [HTMLNode] = []
            var nested: [HTMLNode] = []
            for child in itemName == "li" ? itemChildren : [item] {
                if case .element(let childName, _, _) = child, childName == "ul" || childName == "ol" {
                    nested.append(child)
                } else {
                    content.append(child)
                }
            }
            var text = MarkdownInlineWriter.singleLine.write(content)
            if let checked = item.attribute("data-checked") { text = (checked == "true" ? "[x] " : "[ ] ") + text }
            lines.append((indent + marker + text).trimmingTrailingWhitespace())
            let childIndent = indent + String(repeating: " ", count: marker.count)
            lines += nested.map { list($0, indent: childIndent) }
        }
        return lines.joined(separator: "\n")
    }

    /// A fenced block, longer than any backtick run inside, keeping a `language-x` class.
    private func codeBlock(_ node: HTMLNode) -> String {
        var code = node.textContent
        var language = ""
        if case .element(_, _, let children) = node {
            for case .element("code", let attributes, _) in children {
                let classes = attributes.first(where: { $0.name == "class" })?.value ?? ""
                let tag = classes.split(separator: " ").first(where: { $0.hasPrefix("language-") })
                language = tag.map { String($0.dropFirst("language-".count)) } ?? ""
            }
        }
        if code.hasSuffix("\n") { code.removeLast() }
        var longest = 0
        var run = 0
        for char in code {
            run = char == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: max(3, longest + 1))
        return fence + language + "\n" + code + "\n" + fence
    }

    /// `> ` before every line; Ink reads a quote as one paragraph, so breaks are `<br>`.
    private func quote(_ children: [HTMLNode]) -> String {
        let inner = MarkdownBlockWriter(paragraph: .singleLine).blocks(children)
        return inner.map { block in
            block.split(separator: "\n", omittingEmptySubsequences: false).map { "> " + $0 }.joined(separator: "\n")
        }.joined(separator: "\n>\n")
    }
}
