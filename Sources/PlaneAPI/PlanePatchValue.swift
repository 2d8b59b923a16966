/// A field of a partial update that Plane allows to be null: set it, or clear it with an
/// explicit JSON `null`. Leaving the property `nil` leaves the field out of the body.
public enum PlanePatchValue<Value: Sendable & Hashable & Encodable>: Sendable, Hashable {
    case set(Value)
    /// Sends `null` (e.g. `"parent": null` detaches an item from its parent).
    case clear
}

extension KeyedEncodingContainer {
    mutating func encodePatch<Value>(_ value: PlanePatchValue<Value>?, forKey key: Key) throws {
        switch value {
        case nil: break
        case .clear: try encodeNil(forKey: key)
        case .set(let value): try encode(value, forKey: key)
        }
    }
}
