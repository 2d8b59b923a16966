/// A document that is not well-formed BSON, or a value that does not fit the Swift type asked for.
///
/// `path` names the field (`labels[2]`, `sync_state.cursor`); `documentId` names the document when it is
/// known. The description never includes field values, so a document's content never reaches a log.
public struct BSONError: Error, Sendable, Hashable, CustomStringConvertible {
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable {
            case malformed, invalidUTF8, unsupportedType, typeMismatch, missingField, invalidValue
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The bytes are not a well-formed BSON document (truncated, wrong length, missing terminator).
        public static let malformed = Code(.malformed)
        /// A string or key holds bytes that are not UTF-8.
        public static let invalidUTF8 = Code(.invalidUTF8)
        /// A BSON type BoardSync does not read (DBPointer, code with scope).
        public static let unsupportedType = Code(.unsupportedType)
        /// The field holds another BSON type than the Swift type needs.
        public static let typeMismatch = Code(.typeMismatch)
        /// A required field is absent.
        public static let missingField = Code(.missingField)
        /// The type is right but the value is not (an integer out of range, an unknown enum case).
        public static let invalidValue = Code(.invalidValue)

        public var description: String { base.rawValue }
    }

    public var code: Code
    /// Dotted path of the field, with `[i]` for array elements; empty for the document itself.
    public var path: String
    /// What went wrong, without the value itself.
    public var reason: String
    /// The `_id` of the document, as text, when known.
    public var documentId: String?

    public init(_ code: Code, path: String, reason: String, documentId: String? = nil) {
        self.code = code
        self.path = path
        self.reason = reason
        self.documentId = documentId
    }

    public var description: String {
        var text = path.isEmpty ? "BSON document" : "field `\(path)`"
        if let documentId { text += " of document \(documentId)" }
        return text + ": " + reason
    }
}

/// Builds field paths such as `a.b[3].c` from a coding path or a reader's position.
enum BSONPath {
    static func render(_ components: [String]) -> String {
        var out = ""
        for component in components {
            if component.hasPrefix("[") {
                out += component
            } else {
                out += out.isEmpty ? component : "." + component
            }
        }
        return out
    }
}
