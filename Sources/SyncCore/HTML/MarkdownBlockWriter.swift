/// Writes block-level HTML (paragraphs, headings, lists and task lists, code blocks, quotes, tables,
/// rules) as CommonMark + GFM blocks for cmark-gfm. Unknown containers are unwrapped; unknown inline
/// elements are written as their text.
struct MarkdownBlockWriter {
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
        /// The list just written: a list of the same kind right after it takes the other marker, or
        /// Markdown would read both as one.
        var previousList: (name: String, alternate: Bool)?
        func flush() {
            let text = MarkdownInlineWriter.paragraph.write(run)
            if !text.isEmpty {
                out.append(text)
                previousList = nil
            }
            run = []
        }
        for node in nodes {
            guard case .element(let name, _, let children) = node, isBlock(node) else {
                run.append(node)
                continue
            }
            flush()
            let before = out.count
            switch name {
            case "p": out.append(MarkdownInlineWriter.paragraph.write(children))
            case "h1", "h2", "h3", "h4", "h5", "h6": out.append(heading(level: Int(name.dropFirst())!, children))
            case "ul", "ol", "li":
                let alternate = previousList.map { $0.name == name && !$0.alternate } ?? false
                out.append(list(node, alternate: alternate))
                previousList = (name, alternate)
                continue
            case "pre": out.append(codeBlock(node))
            case "blockquote": out.append(quote(children))
            case "table": out.append(MarkdownTableWriter.table(node))
            case "hr": out.append("---")
            default: out += blocks(children)
            }
            if out.count > before, out.last?.isEmpty == false { previousList = nil }
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
        // A closing run of `#` would be dropped; an escaped one stays.
        if text.hasSuffix("#") { text = String(text.dropLast()) + "\\#" }
        return String(repeating: "#", count: level) + " " + text
    }

    /// A list: `-` bullets (`*` when `alternate`), `1.` numbers from `start` (`1)`), task items as
    /// `- [x] `; each item's blocks indented by its marker's width, blank lines between items and blocks
    /// only when an item holds several paragraphs (which Markdown can only write as a loose list).
    private func list(_ node: HTMLNode, alternate: Bool) -> String {
        guard case .element(let name, _, let children) = node else { return "" }
        let ordered = name == "ol"
        let items = name == "li" ? [node] : children.filter { if case .element = $0 { true } else { false } }
        var number = Int(node.attribute("start") ?? "") ?? 1
        let contents = items.map(itemContent)
        // Plane's editor puts a `<p>` in every item; only an item with several paragraphs needs a loose list.
        let loose = contents.contains { $0.paragraphs > 1 }
        var written: [String] = []
        for (item, content) in zip(items, contents) {
            guard case .element(let itemName, _, _) = item else { continue }
            if itemName == "ul" || itemName == "ol" {
                written.append(list(item, alternate: false))
                continue
            }
            var marker = ordered ? "\(number)" + (alternate ? ") " : ". ") : (alternate ? "* " : "- ")
            number += 1
            let indent = String(repeating: " ", count: marker.count)
            if let checked = content.checked { marker += checked ? "[x] " : "[ ] " }
            let body = MarkdownBlockWriter().blocks(content.nodes).joined(separator: loose ? "\n\n" : "\n")
            let lines = body.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map {
                offset, line in
                offset == 0 ? marker + line : (line.isEmpty ? "" : indent + line)
            }
            written.append(lines.isEmpty ? marker : lines.joined(separator: "\n"))
        }
        return written.map { $0.trimmingTrailingWhitespace() }.joined(separator: loose ? "\n\n" : "\n")
    }

    /// What a list item holds: its nodes (a task item's `<div>` content, without the checkbox), whether it
    /// is a checked or unchecked task, and how many paragraphs it has.
    private func itemContent(_ item: HTMLNode) -> (nodes: [HTMLNode], checked: Bool?, paragraphs: Int) {
        guard case .element(let name, _, var children) = item, name == "li" else { return ([item], nil, 0) }
        var checked: Bool?
        if item.attribute("data-type") == "taskItem" || item.attribute("data-checked") != nil {
            checked = item.attribute("data-checked") == "true"
            children = children.flatMap { child -> [HTMLNode] in
                guard case .element(let childName, _, let inner) = child else { return [child] }
                if childName == "label" { return [] }
                return childName == "div" ? inner : [child]
            }
        }
        let paragraphs = children.filter { if case .element("p", _, _) = $0 { true } else { false } }.count
        return (children, checked, paragraphs)
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
        let fence = String(repeating: "`", count: max(3, MarkdownEscaper.longestRun(of: "`", in: code) + 1))
        return fence + language + "\n" + code + (code.isEmpty ? "" : "\n") + fence
    }

    /// `> ` before every line, `>` on the blank lines between the quote's blocks.
    private func quote(_ children: [HTMLNode]) -> String {
        let inner = MarkdownBlockWriter().blocks(children).joined(separator: "\n\n")
        return inner.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.isEmpty ? ">" : "> " + $0
        }.joined(separator: "\n")
    }
}
