/// Escapes text so that Ink (BoardSync's Markdown renderer) renders it back as the same text.
///
/// Ink's own rules decide: `\` escapes punctuation, but `\\` vanishes, so a backslash becomes
/// `&#92;`; `<` would start HTML and becomes `&lt;`; `&` becomes `&amp;` only where it would
/// read as a character reference; `_` inside words is emphasis in Ink, so it is always escaped.
enum MarkdownEscaper {
    private static let backslashed: Set<Unicode.Scalar> = ["*", "_", "`", "~", "[", "]", "|"]

    /// `text` escaped for use inside a paragraph, heading, list item or table cell.
    static func escapeInline(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        for (index, scalar) in scalars.enumerated() {
            switch scalar {
            case "\\": out.append(contentsOf: "&#92;".unicodeScalars)
            case "<": out.append(contentsOf: "&lt;".unicodeScalars)
            case "&" where startsReference(scalars, at: index): out.append(contentsOf: "&amp;".unicodeScalars)
            case "\n", "\r": out.append(" ")
            default:
                if backslashed.contains(scalar) { out.append("\\") }
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Escapes what would make a line start a block: `#`, `>`, `-`, `+`, `=`, and `1.`/`1)`.
    /// Markup BoardSync writes never starts with these, so only text is touched.
    static func escapeLineStart(_ line: String) -> String {
        guard let first = line.unicodeScalars.first else { return line }
        if "#>-+=".unicodeScalars.contains(first) { return "\\" + line }
        let digits = line.prefix(while: { $0.isASCII && $0.isNumber })
        if !digits.isEmpty, digits.count < 10 {
            let rest = line.dropFirst(digits.count)
            if let mark = rest.first, mark == "." || mark == ")" { return digits + "\\" + rest }
        }
        return line
    }

    /// `&` followed by a name or number and `;` within a few characters.
    private static func startsReference(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
        var cursor = index + 1
        var length = 0
        while cursor < scalars.count, length <= 32 {
            let scalar = scalars[cursor]
            if scalar == ";" { return length > 0 }
            guard scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "#"
            else { return false }
            cursor += 1
            length += 1
        }
        return false
    }

    /// Text of an inline code span: as is inside backticks, or raw `<code>` with entities when it holds a backtick.
    static func inlineCode(_ code: String) -> String {
        let flat = String(code.map { $0 == "\n" ? " " : $0 })
        guard flat.contains("`") else { return "`" + flat + "`" }
        var out = "<code>"
        for scalar in flat.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case "`": out += "&#96;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "</code>"
    }

    /// A link or image destination: spaces and unbalanced parentheses would end it early.
    static func destination(_ url: String) -> String {
        var depth = 0
        var out = ""
        for char in url {
            switch char {
            case "(":
                depth += 1
                out.append(char)
            case ")" where depth == 0: out += "%29"
            case ")":
                depth -= 1
                out.append(char)
            case "\n": out += "%0A"
            default: out.append(char)
            }
        }
        return out
    }
}
