import Essentials

/// Small helpers that write well-formed XHTML-compatible markup: every value escaped, every
/// attribute quoted, every element closed. Characters XML 1.0 forbids (most C0 controls,
/// U+FFFE/U+FFFF) and bidirectional overrides are dropped from text, so the page always parses.
enum XHTML {
    /// Text or attribute value escaped: `& < > " '` (``HTMLEscaping/markup``); CR as LF, characters XML
    /// forbids dropped.
    static func escape(_ text: String) -> String {
        var allowed = ""
        allowed.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            if scalar == "\r" {
                allowed.unicodeScalars.append("\n")
            } else if isAllowed(scalar) {
                allowed.unicodeScalars.append(scalar)
            }
        }
        return HTMLEscaping.markup.escape(allowed)
    }

    /// `<name a="v">content</name>`; `content` must already be markup (escape text first).
    static func element(_ name: String, _ attributes: [(String, String)] = [], _ content: String) -> String {
        open(name, attributes) + content + "</\(name)>"
    }

    /// `<name a="v">`.
    static func open(_ name: String, _ attributes: [(String, String)] = []) -> String {
        "<" + name + attributes.map { " \($0.0)=\"\(escape($0.1))\"" }.joined() + ">"
    }

    /// An element whose content is `text`, escaped.
    static func text(_ name: String, _ attributes: [(String, String)] = [], _ text: String) -> String {
        element(name, attributes, escape(text))
    }

    /// A link only for http(s) URLs; anything else (`javascript:`, `data:`) is shown as text.
    static func link(_ url: String?, label: String) -> String {
        guard let url, isWebURL(url) else { return escape(label) }
        return element("a", [("href", url), ("rel", "noopener noreferrer")], escape(label))
    }

    static func isWebURL(_ url: String) -> Bool {
        let lower = url.lowercased()
        return (lower.hasPrefix("https://") || lower.hasPrefix("http://"))
            && !url.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F })
    }

    /// An `id`-safe slug: ASCII letters, digits, `-` and `_`.
    static func slug(_ text: String) -> String {
        String(
            text.unicodeScalars.filter {
                $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_")
            }.map(Character.init))
    }

    private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A: return true
        case 0x00...0x1F, 0x7F...0x9F, 0xFFFE, 0xFFFF: return false
        case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x061C: return false
        default: return true
        }
    }
}
