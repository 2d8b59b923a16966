import Essentials

/// Rewrites `description_html` the way Plane does on write: lxml's `fromstring`/`tostring` round trip
/// (which wraps several top-level nodes in one `<div>`, or a `<span>` when none is a block), then the
/// nh3 sanitizer with Plane's allow-list (``PlaneAllowList``: other tags dropped with their text kept,
/// `<script>`/`<style>` with their content; other attributes dropped, URLs of other schemes dropped;
/// `rel="noopener noreferrer"` set on links). Limits: see the README.
enum HTMLRewriter {
    /// Tags removed together with their content.
    static let droppedWithContent: Set<String> = ["script", "style"]

    /// The stored form of `html`, or nil when Plane answers "Invalid HTML passed".
    static func rewrite(_ html: String) -> String? {
        let nodes = HTMLParser.parse(html)
        let meaningful = nodes.filter {
            if case .text(let text) = $0 { return !text.trimmingPythonWhitespace().isEmpty }
            return true
        }
        guard !meaningful.isEmpty else { return nil }
        let elements = nodes.enumerated().filter { if case .element = $0.element { return true } else { return false } }
        let root: [HTMLNode]
        if elements.count == 1, meaningful.count == 1, let only = elements.first {
            // One element with only whitespace around it: lxml returns it bare, keeping its whitespace tail.
            root = [only.element] + nodes[(only.offset + 1)...].filter { if case .text = $0 { true } else { false } }
        } else {
            let wrapper = nodes.contains { $0.containsBlockTag } ? "div" : "span"
            root = [.element(name: wrapper, attributes: [], children: nodes)]
        }
        return root.map(serialize).joined()
    }

    static func serialize(_ node: HTMLNode) -> String {
        switch node {
        case .text(let text):
            return HTMLEscaping.text.escape(text)
        case .element(let name, let attributes, let children):
            if droppedWithContent.contains(name) { return "" }
            let content = name == "table" ? withTableBodies(children) : children
            guard PlaneAllowList.tags.contains(name) else { return content.map(serialize).joined() }
            var out = "<" + name
            for (key, value) in sanitized(name, attributes) {
                out += " \(key)=\"\(HTMLEscaping.attribute.escape(value))\""
            }
            out += ">"
            if HTMLNode.voidElements.contains(name) { return out }
            return out + content.map(serialize).joined() + "</\(name)>"
        }
    }

    private static func sanitized(_ name: String, _ attributes: [(String, String)]) -> [(String, String)] {
        var kept = attributes.filter { key, value in
            !(name == "a" && key == "rel") && PlaneAllowList.keeps(name, key, value: value)
        }
        if name == "a" { kept.append(("rel", "noopener noreferrer")) }
        return kept
    }

    /// html5ever puts rows that sit directly in a `<table>` into a `<tbody>`.
    private static func withTableBodies(_ children: [HTMLNode]) -> [HTMLNode] {
        var result: [HTMLNode] = []
        var rows: [HTMLNode] = []
        for child in children {
            if case .element("tr", _, _) = child {
                rows.append(child)
                continue
            }
            if !rows.isEmpty {
                result.append(.element(name: "tbody", attributes: [], children: rows))
                rows = []
            }
            result.append(child)
        }
        if !rows.isEmpty { result.append(.element(name: "tbody", attributes: [], children: rows)) }
        return result
    }
}
