/// An allow-list HTML sanitiser for rendered descriptions.
///
/// Keeps the elements Markdown produces, and on them only safe attributes; drops `<script>`,
/// `<style>` and similar with their content; drops every other tag but keeps its text; drops
/// `href`/`src` values with a scheme other than http, https or mailto (so `javascript:`,
/// `data:`, `vbscript:` never survive). End tags are balanced, so the output is well formed.
public enum HTMLSanitizer {
    static let allowedElements: Set<String> = [
        "p", "br", "strong", "em", "del", "s", "code", "pre", "blockquote", "ul", "ol", "li",
        "h1", "h2", "h3", "h4", "h5", "h6", "a", "table", "thead", "tbody", "tr", "th", "td", "hr", "img",
    ]
    static let droppedWithContent: Set<String> = [
        "script", "style", "iframe", "object", "embed", "noscript", "template", "svg", "math", "textarea", "title",
        "head",
    ]

    /// The sanitised form of `html`; deterministic.
    public static func sanitize(_ html: String) -> String {
        var out = ""
        var open: [String] = []
        var skipping: String?
        var skipDepth = 0
        for token in HTMLTokenizer.tokenize(html) {
            if let skipped = skipping {
                if case .start(let name, _, let selfClosing) = token, name == skipped, !selfClosing { skipDepth += 1 }
                if case .end(let name) = token, name == skipped {
                    skipDepth -= 1
                    if skipDepth == 0 { skipping = nil }
                }
                continue
            }
            switch token {
            case .text(let text):
                out += HTMLWriter.escapeText(text.replacingNUL())
            case .start(let name, let attributes, let selfClosing):
                if droppedWithContent.contains(name) {
                    if !selfClosing {
                        skipping = name
                        skipDepth = 1
                    }
                    continue
                }
                guard allowedElements.contains(name) else { continue }
                out += HTMLWriter.startTag(name, safeAttributes(name, attributes))
                if !htmlVoidElements.contains(name) { open.append(name) }
            case .end(let name):
                guard allowedElements.contains(name), let index = open.lastIndex(of: name) else { continue }
                for element in open[index...].reversed() { out += "</\(element)>" }
                open.removeSubrange(index...)
            case .other:
                continue
            }
        }
        for element in open.reversed() { out += "</\(element)>" }
        return out
    }

    /// True when a URL is safe to keep: relative, or http, https or mailto.
    public static func isSafeURL(_ url: String) -> Bool {
        let compact = String(url.unicodeScalars.filter { $0.value > 0x20 && $0 != "\u{7F}" }).lowercased()
        guard let colon = compact.firstIndex(of: ":") else { return true }
        let scheme = compact[..<colon]
        if scheme.contains(where: { $0 == "/" || $0 == "?" || $0 == "#" }) { return true }
        return scheme == "http" || scheme == "https" || scheme == "mailto"
    }

    private static func safeAttributes(_ element: String, _ attributes: [HTMLAttribute]) -> [HTMLAttribute] {
        attributes.compactMap { attribute in
            guard let value = attribute.value else { return nil }
            switch (element, attribute.name) {
            case ("a", "href"), ("img", "src"):
                return isSafeURL(value) ? attribute : nil
            case ("a", "title"), ("img", "alt"), ("img", "title"):
                return attribute
            case ("code", "class"):
                return value.hasPrefix("language-") && value.allSatisfy(isClassCharacter) ? attribute : nil
            default:
                return nil
            }
        }
    }

    private static func isClassCharacter(_ char: Character) -> Bool {
        char.isASCII && (char.isLetter || char.isNumber || char == "-" || char == "_" || char == "+")
    }
}

extension String {
    func replacingNUL() -> String {
        contains("\u{0}") ? String(unicodeScalars.filter { $0 != "\u{0}" }) : self
    }
}
