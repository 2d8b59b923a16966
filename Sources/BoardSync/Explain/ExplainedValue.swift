import Foundation

/// One field value: null, a string (id, date, text) or a list of ids.
public enum ExplainedValue: Sendable, Codable, Equatable, CustomStringConvertible {
    case null
    case string(String)
    case list([String])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let text = try? container.decode(String.self) {
            self = .string(text)
        } else {
            self = .list(try container.decode([String].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .string(let text): try container.encode(text)
        case .list(let items): try container.encode(items)
        }
    }

    public var description: String {
        switch self {
        case .null: "null"
        case .string(let text): "\"\(text)\""
        case .list(let items): "[" + items.joined(separator: ", ") + "]"
        }
    }
}
