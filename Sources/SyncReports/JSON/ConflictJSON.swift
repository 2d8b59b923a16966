import Foundation

/// `--json`: conflict records as JSON with sorted snake_case keys, ISO 8601 UTC times, pretty printed.
public enum ConflictJSON {
    /// A JSON array of `records`, in the order given.
    public static func encode(_ records: [ConflictRecord]) throws -> String {
        String(decoding: try encoder.encode(records), as: UTF8.self)
    }

    /// One record as a JSON object (`conflicts show ID --json`).
    public static func encode(_ record: ConflictRecord) throws -> String {
        String(decoding: try encoder.encode(record), as: UTF8.self)
    }

    /// Reads what `encode(_:)` wrote (for tools and tests).
    public static func decode(_ json: String) throws -> [ConflictRecord] {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode([ConflictRecord].self, from: Data(json.utf8))
    }

    private static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }
}
