/// What Plane's sanitiser keeps (`apps/api/plane/utils/content_validator.py` at the recorded commit: nh3
/// 0.2.18's `clean` with nh3's default tags plus the editor's, Plane's attribute lists, URL schemes
/// http/https/mailto/tel). Attribute names are lowercase here, as lxml hands them to nh3.
enum PlaneAllowList {
    /// nh3's `ALLOWED_TAGS` and the editor's custom tags.
    static let tags: Set<String> = [
        "a", "abbr", "acronym", "area", "article", "aside", "b", "bdi", "bdo", "blockquote", "br", "caption",
        "center", "cite", "code", "col", "colgroup", "data", "dd", "del", "details", "dfn", "div", "dl", "dt", "em",
        "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "i", "img",
        "ins", "kbd", "li", "map", "mark", "nav", "ol", "p", "pre", "q", "rp", "rt", "rtc", "ruby", "s", "samp",
        "small", "span", "strike", "strong", "sub", "summary", "sup", "table", "tbody", "td", "th", "thead", "time",
        "tr", "tt", "u", "ul", "var", "wbr", "mention-component", "label", "input", "image-component",
    ]

    /// Attributes every kept tag may carry (Plane's `"*"` entry).
    static let generic: Set<String> = [
        "class", "id", "title", "role", "aria-label", "aria-hidden", "style", "start", "type", "xmlns", "data-tight",
        "data-node-type", "data-type", "data-checked", "data-background-color", "data-text-color", "data-name",
        "data-id", "data-icon-name", "data-icon-color", "data-background", "data-emoji-unicode", "data-emoji-url",
        "data-logo-in-use", "data-block-type",
    ]

    /// Plane's per-tag attributes (they replace nh3's defaults: `hreflang`, `align`, `cite`, … are dropped).
    static let byTag: [String: Set<String>] = [
        "a": ["href", "target"],
        "image-component": ["id", "width", "height", "aspectratio", "src", "alignment", "status"],
        "img": ["width", "height", "aspectratio", "alignment", "src", "alt", "title"],
        "mention-component": ["id", "entity_identifier", "entity_name"],
        "th": ["colspan", "rowspan", "colwidth", "background", "style"],
        "td": ["colspan", "rowspan", "colwidth", "background", "textcolor", "style"],
        "tr": ["background", "textcolor", "style"],
        "pre": ["language"],
        "code": ["language", "spellcheck"],
        "input": ["type", "checked"],
    ]

    static let urlSchemes: Set<String> = ["http", "https", "mailto", "tel"]

    /// Attributes nh3 reads as URLs: kept when relative or of an allowed scheme.
    static let urlAttributes: Set<String> = ["href", "src", "cite", "action", "formaction", "longdesc", "poster"]

    static func keeps(_ tag: String, _ attribute: String, value: String) -> Bool {
        guard generic.contains(attribute) || byTag[tag]?.contains(attribute) == true else { return false }
        guard urlAttributes.contains(attribute) else { return true }
        return allowsURL(value)
    }

    /// Relative URLs pass; an absolute one (a scheme before `:`, as a URL parser reads it after dropping
    /// tabs, newlines and surrounding spaces) passes only with an allowed scheme.
    static func allowsURL(_ value: String) -> Bool {
        let compact = value.unicodeScalars.filter { $0 != "\t" && $0 != "\n" && $0 != "\r" }
        let trimmed = String(String.UnicodeScalarView(compact)).trimmingPythonWhitespace()
        guard let colon = trimmed.firstIndex(of: ":") else { return true }
        let scheme = trimmed[..<colon]
        guard let first = scheme.unicodeScalars.first, first.isASCIILetter,
            scheme.unicodeScalars.allSatisfy({
                $0.isASCIILetter || ("0"..."9").contains($0) || "+-.".unicodeScalars.contains($0)
            })
        else { return true }
        return urlSchemes.contains(scheme.lowercased())
    }
}

extension Unicode.Scalar {
    fileprivate var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
}
