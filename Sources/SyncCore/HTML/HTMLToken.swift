/// One piece of an HTML fragment with its text decoded, for ``HTMLTree``.
enum HTMLToken: Hashable {
    /// Text with entities decoded.
    case text(String)
    /// A start tag: lowercased name, attributes in order (values decoded), self-closing flag.
    case start(name: String, attributes: [HTMLAttribute], selfClosing: Bool)
    case end(name: String)
    /// A comment, doctype or processing instruction; never kept.
    case other
}

/// ``HTMLLexer``'s pieces as ``HTMLToken``s, text decoded.
enum HTMLTokenizer {
    static func tokenize(_ html: String) -> [HTMLToken] {
        let (bytes, pieces) = HTMLLexer.pieces(html)
        return bytes.withUnsafeBufferPointer { buffer in
            pieces.map { piece in
                switch piece.kind {
                case .text:
                    return .text(
                        HTMLEntities.decodedString(
                            UnsafeBufferPointer(rebasing: buffer[piece.text]), inAttribute: false))
                case .start:
                    return .start(name: piece.name, attributes: piece.attributes, selfClosing: piece.selfClosing)
                case .end: return .end(name: piece.name)
                case .other: return .other
                }
            }
        }
    }
}

/// Elements that never have content or an end tag.
let htmlVoidElements: Set<String> = [
    "br", "hr", "img", "input", "meta", "link", "area", "base", "col", "wbr", "source", "embed", "param", "track",
]
