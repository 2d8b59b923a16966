/// A parsed HTML fragment node.
indirect enum HTMLNode: Sendable, Equatable {
    case element(name: String, attributes: [(String, String)], children: [HTMLNode])
    case text(String)

    static func == (lhs: HTMLNode, rhs: HTMLNode) -> Bool {
        switch (lhs, rhs) {
        case (.text(let a), .text(let b)): return a == b
        case (.element(let n1, let a1, let c1), .element(let n2, let a2, let c2)):
            return n1 == n2 && a1.map(\.0) == a2.map(\.0) && a1.map(\.1) == a2.map(\.1) && c1 == c2
        default: return false
        }
    }

    static let voidElements: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
    ]

    /// lxml's `defs.block_tags`: decides between a `<div>` and a `<span>` wrapper.
    static let blockTags: Set<String> = [
        "address", "blockquote", "center", "dir", "div", "dl", "fieldset", "form", "h1", "h2", "h3", "h4", "h5",
        "h6", "hr", "isindex", "menu", "noframes", "noscript", "ol", "p", "pre", "table", "ul",
    ]

    var containsBlockTag: Bool {
        guard case .element(let name, _, let children) = self else { return false }
        return Self.blockTags.contains(name) || children.contains { $0.containsBlockTag }
    }
}
