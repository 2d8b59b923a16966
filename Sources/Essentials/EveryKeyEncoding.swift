/// JSON records whose every key is always written, `null` when there is no value, so a script reading them
/// never has to guess whether a key exists (`explain --json`, the conflict reports, `--json` errors).
/// The synthesised `encode(to:)` leaves out `nil` values; a type calls this from its own `encode(to:)`
/// instead of writing one line per property:
///
/// ```swift
/// public func encode(to encoder: any Encoder) throws {
///     try encoder.encodeEveryKey(of: self, keyedBy: CodingKeys.self, adding: ["differs": differs])
/// }
/// ```
///
/// Each key of `keys` is written with the stored property whose name it is, as it is or in snake_case
/// (`planeItemId` for `plane_item_id`, `planeURL` for `plane_url`: the house's JSON keys); a key with no
/// such property is an error, so a renamed property cannot drop its key. Stored properties without a key
/// are left out, as in the synthesised coding. `computed` adds values that are not stored (e.g. `differs`
/// from two fields), under the keys given. Decoding stays synthesised.
///
/// Hand-written over reflection because `Mirror` is the only way to reach the stored properties by name;
/// the records it serves are small and written once per command.
extension Encoder {
    public func encodeEveryKey<Key: CodingKey & CaseIterable>(
        of value: some Any, keyedBy keys: Key.Type, adding computed: KeyValuePairs<String, any Encodable> = [:]
    ) throws {
        var stored: [String: any Encodable] = [:]
        for child in Mirror(reflecting: value).children {
            guard let label = child.label else { continue }
            guard let encodable = child.value as? any Encodable else {
                throw EncodingError.invalidValue(
                    child.value,
                    EncodingError.Context(
                        codingPath: codingPath, debugDescription: "\(label) of \(type(of: value)) is not Encodable"))
            }
            stored[label] = encodable
            stored[SnakeCase.of(label), default: encodable] = encodable
        }
        var container = container(keyedBy: AnyKey.self)
        for key in Key.allCases {
            guard let propertyValue = stored[key.stringValue] else {
                throw EncodingError.invalidValue(
                    value,
                    EncodingError.Context(
                        codingPath: codingPath,
                        debugDescription: "\(type(of: value)) has no stored property for the key \(key.stringValue)"))
            }
            try container.encode(propertyValue, forKey: AnyKey(key.stringValue))
        }
        for (name, computedValue) in computed {
            try container.encode(computedValue, forKey: AnyKey(name))
        }
    }
}

/// A coding key made from its string.
private struct AnyKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }

    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// Property names as the house's JSON keys.
enum SnakeCase {
    /// `planeItemId` → `plane_item_id`, `planeURL` → `plane_url`, `urlValue` → `url_value`.
    static func of(_ name: String) -> String {
        let characters = Array(name)
        var out = ""
        for (index, character) in characters.enumerated() {
            if character.isUppercase, index > 0 {
                let previous = characters[index - 1]
                let next = index + 1 < characters.count ? characters[index + 1] : nil
                // A word starts at an upper-case letter after a lower-case one, or at the last capital of
                // an acronym that a lower-case letter follows (`URLValue` → `url_value`).
                if !previous.isUppercase || next?.isLowercase == true { out.append("_") }
            }
            out += character.lowercased()
        }
        return out
    }
}
