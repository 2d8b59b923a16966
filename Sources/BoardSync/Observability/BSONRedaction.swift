import MongoDriver

extension BSONDocument {
    /// Every string inside, at any depth, through ``Redaction/redact(_:)``: what BoardSync writes for people
    /// and tools to read (events, reports' messages) holds no address with its user information and no secret.
    func redactingStrings() -> BSONDocument {
        BSONDocument(elements.map { ($0.key, $0.value.redactingStrings()) })
    }
}

extension BSONValue {
    func redactingStrings() -> BSONValue {
        switch self {
        case .string(let text): .string(Redaction.redact(text))
        case .document(let document): .document(document.redactingStrings())
        case .array(let values): .array(values.map { $0.redactingStrings() })
        default: self
        }
    }
}
