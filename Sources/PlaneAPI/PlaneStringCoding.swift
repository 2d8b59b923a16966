/// A value Plane writes as one JSON string (a date, a timestamp): decoded with its parser, encoded as its
/// `description`, so each such type states its format once instead of repeating the `Codable` pair.
public protocol PlaneStringCoding: Codable, CustomStringConvertible {
    /// Parses Plane's text; nil when it is not in the format.
    init?(_ text: String)
    /// What the text must look like, for the decoding error.
    static var expectedFormat: String { get }
}

extension PlaneStringCoding {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = Self(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "not \(Self.expectedFormat): \(text.prefix(40))")
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
