/// A minimal JSON value, for error bodies whose shape Plane does not fix.
enum PlaneJSON: Sendable, Hashable, Decodable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([PlaneJSON])
    case object([String: PlaneJSON])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([PlaneJSON].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: PlaneJSON].self))
        }
    }

    var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    var intValue: Int? {
        if case .number(let value) = self, let exact = Int(exactly: value) { return exact }
        return nil
    }

    /// Adds every string found under this value to `fields[path]`, nested keys joined with dots.
    func collectMessages(path: String, into fields: inout [String: [String]]) {
        switch self {
        case .string(let text): fields[path, default: []].append(text)
        case .array(let values):
            for value in values {
                if case .string(let text) = value {
                    fields[path, default: []].append(text)
                } else {
                    value.collectMessages(path: path, into: &fields)
                }
            }
        case .object(let object):
            for (key, value) in object { value.collectMessages(path: path + "." + key, into: &fields) }
        case .number(let value): fields[path, default: []].append(String(value))
        case .bool(let value): fields[path, default: []].append(String(value))
        case .null: break
        }
    }
}
