/// A parsed HTML node, built from ``HTMLTokenizer`` tokens by ``HTMLTree``.
indirect enum HTMLNode: Hashable {
    case text(String)
    case element(name: String, attributes: [HTMLAttribute], children: [HTMLNode])

    func attribute(_ name: String) -> String? {
        guard case .element(_, let attributes, _) = self else { return nil }
        return attributes.first(where: { $0.name == name })?.value
    }

    /// The text inside, tags dropped, entities already decoded.
    var textContent: String {
        switch self {
        case .text(let text): return text
        case .element(_, _, let children): return children.map(\.textContent).joined()
        }
    }
}

/// A forgiving tree builder: unmatched end tags are ignored, open elements are closed at the
/// end, and `<p>`, `<li>`, `<tr>`, `<td>`, `<th>` close an open sibling of the same kind as HTML does.
/// `<script>` and `<style>` are dropped with their content.
enum HTMLTree {
    private struct Open {
        var name: String
        var attributes: [HTMLAttribute]
        var children: [HTMLNode] = []
    }

    private static let dropped: Set<String> = ["script", "style", "template", "iframe", "noscript", "title", "head"]
    private static let closesSibling: [String: Set<String>] = [
        "p": ["p"], "li": ["li"], "tr": ["tr", "td", "th"], "td": ["td", "th"], "th": ["td", "th"],
    ]
    private static let scopeBoundaries: Set<String> = ["ul", "ol", "table", "blockquote", "div", "td", "th", "li"]

    static func parse(_ html: String) -> [HTMLNode] {
        var stack = [Open(name: "#root", attributes: [])]
        var skipping: String?
        for token in HTMLTokenizer.tokenize(html) {
            if let skipped = skipping {
                if case .end(let name) = token, name == skipped { skipping = nil }
                continue
            }
            switch token {
            case .text(let text):
                stack[stack.count - 1].children.append(.text(text))
            case .start(let name, let attributes, let selfClosing):
                if dropped.contains(name) {
                    if !selfClosing { skipping = name }
                    continue
                }
                if let siblings = closesSibling[name] { closeOpenSibling(siblings, in: &stack) }
                if htmlVoidElements.contains(name) || selfClosing {
                    stack[stack.count - 1].children.append(.element(name: name, attributes: attributes, children: []))
                } else {
                    stack.append(Open(name: name, attributes: attributes))
                }
            case .end(let name):
                guard let index = stack.lastIndex(where: { $0.name == name }), index > 0 else { continue }
                while stack.count > index { close(&stack) }
            case .other:
                continue
            }
        }
        while stack.count > 1 { close(&stack) }
        return stack[0].children
    }

    /// Closes an open element named in `siblings` if no list, table or quote lies between it and the top.
    private static func close(_ stack: inout [Open]) {
        let done = stack.removeLast()
        stack[stack.count - 1].children.append(
            .element(name: done.name, attributes: done.attributes, children: done.children))
    }

    private static func closeOpenSibling(_ siblings: Set<String>, in stack: inout [Open]) {
        for index in stack.indices.reversed() where index > 0 {
            if siblings.contains(stack[index].name) {
                while stack.count > index { close(&stack) }
                return
            }
            if scopeBoundaries.contains(stack[index].name) { return }
        }
    }
}
