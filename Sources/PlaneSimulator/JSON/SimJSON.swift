/// A JSON value that keeps the key order of objects, so responses come out in the order Plane's
/// serializers write them.
public enum SimJSON: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([SimJSON])
    case object([(String, SimJSON)])

    public static func == (lhs: SimJSON, rhs: SimJSON) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.int(let a), .int(let b)): return a == b
        case (.double(let a), .double(let b)): return a == b
        case (.int(let a), .double(let b)), (.double(let b), .int(let a)): return Double(a) == b
        case (.string(let a), .string(let b)): return a == b
        case (.array(let a), .array(let b)): return a == b
        case (.object(let a), .object(let b)):
            guard a.count == b.count else { return false }
            let right = Dictionary(b, uniquingKeysWith: { first, _ in first })
            return a.allSatisfy { key, value in right[key] == value }
        default: return false
        }
    }

    /// The value under `key` when this is an object.
    public subscript(key: String) -> SimJSON? {
        guard case .object(let pairs) = self else { return nil }
        return pairs.first { $0.0 == key }?.1
    }

    /// The string payload, if this is a string.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The integer payload, if this is an integer.
    public var intValue: Int? {
        if case .int(let value) = self { return value }
        return nil
    }

    /// The elements, if this is an array.
    public var arrayValue: [SimJSON]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// The key/value pairs, if this is an object.
    public var objectValue: [(String, SimJSON)]? {
        if case .object(let value) = self { return value }
        return nil
    }

    /// True for `null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// A copy of this object with `key` set (replacing in place or appending).
    func setting(_ key: String, _ value: SimJSON) -> SimJSON {
        guard case .object(var pairs) = self else { return self }
        if let index = pairs.firstIndex(where: { $0.0 == key }) {
            pairs[index].1 = value
        } else {
            pairs.append((key, value))
        }
        return .object(pairs)
    }
}

extension SimJSON: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByNilLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByFloatLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(nilLiteral: ()) { self = .null }
    public init(arrayLiteral elements: SimJSON...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, SimJSON)...) { self = .object(elements) }
    public init(floatLiteral value: Double) { self = .double(value) }
}

extension SimJSON {
    /// A string, or null when `value` is nil.
    static func optional(_ value: String?) -> SimJSON {
        value.map { .string($0) } ?? .null
    }
}

extension SimJSON {
    /// Parses JSON text, keeping object key order.
    public static func parse(_ data: some Sequence<UInt8>) throws -> SimJSON {
        try SimJSONParser.parse(Array(data))
    }
}
