/// Makes untrusted values safe to print on a terminal: control characters (C0, DEL, C1, so
/// escape sequences cannot recolour or move the cursor) and bidirectional overrides (which can
/// make text read differently from what it is) are removed; tabs become spaces.
enum TerminalText {
    /// One line: line breaks become `⏎ ` so a table row stays one row.
    static func line(_ text: String) -> String {
        clean(text.replacingLineBreaks(with: " ⏎ "))
    }

    /// Several lines, split on any line break, each cleaned.
    static func lines(_ text: String) -> [String] {
        text.replacingLineBreaks(with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
            .map { clean(String($0)) }
    }

    private static func clean(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar == "\t" {
                out.append(contentsOf: "    ".unicodeScalars)
            } else if !isUnsafe(scalar) {
                out.append(scalar)
            }
        }
        return String(out)
    }

    private static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x061C: return true
        default: return false
        }
    }
}

extension String {
    /// CRLF, CR, LF, NEL, LS and PS all replaced by `replacement`.
    func replacingLineBreaks(with replacement: String) -> String {
        var out = ""
        var previousWasCR = false
        for scalar in unicodeScalars {
            switch scalar {
            case "\n" where previousWasCR:
                previousWasCR = false
                continue
            case "\r", "\n", "\u{85}", "\u{2028}", "\u{2029}":
                out += replacement
                previousWasCR = scalar == "\r"
            default:
                out.unicodeScalars.append(scalar)
                previousWasCR = false
            }
        }
        return out
    }
}
