import CMongoC

extension BSONDocument {
    /// Parses MongoDB Extended JSON (canonical or relaxed: `{"$oid": ...}`, `{"$date": ...}`) with
    /// libbson's parser. The text must hold one JSON object.
    public init(extendedJSON text: String) throws(BSONError) {
        var error = bson_error_t()
        let utf8 = Array(text.utf8)
        let parsed = utf8.withUnsafeBufferPointer { buffer in
            bson_new_from_json(buffer.baseAddress, buffer.count, &error)
        }
        guard let parsed else {
            let message = withUnsafeBytes(of: error.message) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            throw BSONError(.malformed, path: "", reason: "not valid Extended JSON: \(message)")
        }
        defer { bson_destroy(parsed) }
        self = try BSONBridge.document(parsed)
    }

    /// The document as relaxed Extended JSON, for people to read (`--json` output, reports).
    public var relaxedExtendedJSON: String {
        BSONBridge.with(self) { handle in
            var length = 0
            guard let text = bson_as_relaxed_extended_json(handle, &length) else { return "{}" }
            defer { bson_free(text) }
            return String(cString: text)
        }
    }
}
