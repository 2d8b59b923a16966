import Foundation

/// Escapes text so that cmark-gfm (BoardSync's Markdown renderer) renders it back as the same text.
///
/// CommonMark's rules: a backslash escapes any ASCII punctuation, so `\`, `*`, `_`, backtick, `~`, `[`,
/// `]`, `|` and `<` get one everywhere; `&` gets one only where it would read as a character reference;
/// `://` after `http`/`https`/`ftp` and the `.` of `www.` get one so that GFM's autolinks leave a URL
/// that was text as text (an email address cannot be kept from becoming a link).
enum MarkdownEscaper {
    private static let backslashed: Set<Unicode.Scalar> = ["\\", "*", "_", "`", "~", "[", "]", "|", "<"]

    /// `text` escaped for use inside a paragraph, heading, list item or table cell.
    static func escapeInline(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        for (index, scalar) in scalars.enumerated() {
            switch scalar {
            case "&" where startsReference(scalars, at: index): out.append(contentsOf: "\\&".unicodeScalars)
            case "\n", "\r": out.append(" ")
            case ":" where follows(scalars, index, ["http", "https", "ftp"]) && precedes(scalars, index, "//"):
                out.append(contentsOf: "\\:".unicodeScalars)
            case "." where follows(scalars, index, ["www"]):
                out.append(contentsOf: "\\.".unicodeScalars)
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

    /// True when one of `words` (case-insensitive) ends just before `index`, at a word's start.
    private static func follows(_ scalars: [Unicode.Scalar], _ index: Int, _ words: [String]) -> Bool {
        words.contains { word in
            let letters = Array(word.unicodeScalars)
            let start = index - letters.count
            guard start >= 0 else { return false }
            for (offset, letter) in letters.enumerated()
            where scalars[start + offset].properties.lowercaseMapping != String(letter) {
                return false
            }
            return start == 0 || !scalars[start - 1].properties.isAlphabetic
        }
    }

    private static func precedes(_ scalars: [Unicode.Scalar], _ index: Int, _ text: String) -> Bool {
        let wanted = Array(text.unicodeScalars)
        guard index + wanted.count < scalars.count else { return false }
        return Array(scalars[(index + 1)...(index + wanted.count)]) == wanted
    }

    /// A code span: backticks one longer than the longest run inside, padded when the code starts or ends
    /// with a backtick or a space. In a table cell `|` is escaped even there (GFM splits cells first).
    static func inlineCode(_ code: String, inTableCell: Bool = false) -> String {
        var flat = String(code.map { $0 == "\n" ? " " : $0 })
        if inTableCell { flat = flat.replacingOccurrences(of: "|", with: "\\|") }
        let fence = String(repeating: "`", count: longestRun(of: "`", in: flat) + 1)
        let padded =
            flat.hasPrefix("`") || flat.hasSuffix("`")
            || (flat.hasPrefix(" ") && flat.hasSuffix(" ") && !flat.allSatisfy({ $0 == " " }))
        return padded ? fence + " " + flat + " " + fence : fence + flat + fence
    }

    static func longestRun(of mark: Character, in text: String) -> Int {
        var longest = 0
        var run = 0
        for char in text {
            run = char == mark ? run + 1 : 0
            longest = max(longest, run)
        }
        return longest
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
            case " ": out += "%20"
            case "<": out += "%3C"
            case ">": out += "%3E"
            case "\\": out += "%5C"
            default: out.append(char)
            }
        }
        return out
    }

    /// A link or image title, in double quotes.
    static func title(_ title: String) -> String {
        var out = "\""
        for char in title {
            if char == "\"" || char == "\\" || char == "&" { out.append("\\") }
            out.append(char == "\n" ? " " : char)
        }
        return out + "\""
    }
}
