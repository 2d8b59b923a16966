/// A small, forgiving HTML fragment tokenizer (enough for sanitising and canonicalising).
///
/// `<` starts a tag only when followed by a letter, `/`+letter, `!` or `?`; otherwise it is text.
enum HTMLTokenizer {
    static func tokenize(_ html: String) -> [HTMLToken] {
        let chars = Array(html.unicodeScalars)
        var tokens: [HTMLToken] = []
        var text = String.UnicodeScalarView()
        var index = 0
        func flushText() {
            if !text.isEmpty {
                tokens.append(.text(HTMLEntities.decode(String(text))))
                text = String.UnicodeScalarView()
            }
        }
        while index < chars.count {
            let char = chars[index]
            guard char == "<", index + 1 < chars.count else {
                text.append(char)
                index += 1
                continue
            }
            let next = chars[index + 1]
            if next == "!" || next == "?" {
                flushText()
                index = skipMarkup(chars, from: index)
                tokens.append(.other)
            } else if next == "/", index + 2 < chars.count, isLetter(chars[index + 2]) {
                flushText()
                var cursor = index + 2
                let name = readName(chars, &cursor)
                while cursor < chars.count, chars[cursor] != ">" { cursor += 1 }
                index = cursor + 1
                tokens.append(.end(name: name))
            } else if isLetter(next) {
                flushText()
                var cursor = index + 1
                let name = readName(chars, &cursor)
                let (attributes, selfClosing, after) = readAttributes(chars, from: cursor)
                index = after
                tokens.append(.start(name: name, attributes: attributes, selfClosing: selfClosing))
            } else {
                text.append(char)
                index += 1
            }
        }
        flushText()
        return tokens
    }

    private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }

    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\n" || scalar == "\t" || scalar == "\r" || scalar == "\u{0C}"
    }

    private static func readName(_ chars: [Unicode.Scalar], _ cursor: inout Int) -> String {
        var name = String.UnicodeScalarView()
        while cursor < chars.count, !isSpace(chars[cursor]), chars[cursor] != ">", chars[cursor] != "/" {
            name.append(chars[cursor])
            cursor += 1
        }
        return String(name).lowercased()
    }

    private static func skipMarkup(_ chars: [Unicode.Scalar], from start: Int) -> Int {
        let isComment = start + 3 < chars.count && chars[start + 2] == "-" && chars[start + 3] == "-"
        var cursor = start + 2
        while cursor < chars.count {
            if isComment {
                if chars[cursor] == ">", cursor >= start + 6, chars[cursor - 1] == "-", chars[cursor - 2] == "-" {
                    return cursor + 1
                }
            } else if chars[cursor] == ">" {
                return cursor + 1
            }
            cursor += 1
        }
        return chars.count
    }

    private static func readAttributes(
        _ chars: [Unicode.Scalar], from start: Int
    ) -> ([HTMLAttribute], Bool, Int) {
        var attributes: [HTMLAttribute] = []
        var cursor = start
        var selfClosing = false
        while cursor < chars.count {
            let char = chars[cursor]
            if isSpace(char) {
                cursor += 1
            } else if char == ">" {
                return (attributes, selfClosing, cursor + 1)
            } else if char == "/" {
                selfClosing = true
                cursor += 1
            } else {
                selfClosing = false
                var name = String.UnicodeScalarView()
                while cursor < chars.count, !isSpace(chars[cursor]), !"=>/".unicodeScalars.contains(chars[cursor]) {
                    name.append(chars[cursor])
                    cursor += 1
                }
                while cursor < chars.count, isSpace(chars[cursor]) { cursor += 1 }
                var value: String?
                if cursor < chars.count, chars[cursor] == "=" {
                    cursor += 1
                    while cursor < chars.count, isSpace(chars[cursor]) { cursor += 1 }
                    value = readValue(chars, &cursor)
                }
                if name.isEmpty {
                    cursor += 1
                } else if !attributes.contains(where: { $0.name == String(name).lowercased() }) {
                    attributes.append(HTMLAttribute(name: String(name).lowercased(), value: value))
                }
            }
        }
        return (attributes, selfClosing, cursor)
    }

    private static func readValue(_ chars: [Unicode.Scalar], _ cursor: inout Int) -> String {
        var raw = String.UnicodeScalarView()
        if cursor < chars.count, chars[cursor] == "\"" || chars[cursor] == "'" {
            let quote = chars[cursor]
            cursor += 1
            while cursor < chars.count, chars[cursor] != quote {
                raw.append(chars[cursor])
                cursor += 1
            }
            cursor += 1
        } else {
            while cursor < chars.count, !isSpace(chars[cursor]), chars[cursor] != ">" {
                raw.append(chars[cursor])
                cursor += 1
            }
        }
        return HTMLEntities.decode(String(raw))
    }
}
