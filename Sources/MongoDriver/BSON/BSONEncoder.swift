import Foundation

/// Encodes `Encodable` values as BSON documents.
///
/// `Date` becomes a BSON datetime, ``BSONObjectId`` an ObjectId, `Int` and `Int64` an int64, `Int32` an
/// int32. A `nil` optional is written as BSON null by default (`board_links.plane_item_id: null`), or left
/// out with ``NilStrategy/omit``.
public struct BSONEncoder: Sendable {
    public enum NilStrategy: Sendable {
        case null, omit
    }

    public var nilStrategy: NilStrategy

    public init(nilStrategy: NilStrategy = .null) {
        self.nilStrategy = nilStrategy
    }

    /// Encodes a value that must come out as a document (a struct or a dictionary keyed by strings).
    public func encode<T: Encodable>(_ value: T) throws(BSONError) -> BSONDocument {
        guard case .document(let document) = try encodeValue(value) else {
            throw BSONError(.typeMismatch, path: "", reason: "\(T.self) does not encode as a document")
        }
        return document
    }

    /// Encodes any value: a scalar, an array or a document.
    public func encodeValue<T: Encodable>(_ value: T) throws(BSONError) -> BSONValue {
        let box = BSONEncodingBox()
        do {
            try BSONValueEncoder(box: box, codingPath: [], nilStrategy: nilStrategy).encodeValue(value)
        } catch let error as BSONError {
            throw error
        } catch let error as EncodingError {
            if case .invalidValue(_, let context) = error {
                throw BSONError(
                    .invalidValue, path: BSONDecoder.path(context.codingPath), reason: context.debugDescription)
            }
            throw BSONError(.invalidValue, path: "", reason: "\(error)")
        } catch {
            throw BSONError(.invalidValue, path: "", reason: "\(error)")
        }
        return box.resolved
    }
}

/// A node of the value being built; containers hold boxes so nested containers can fill them later.
final class BSONEncodingBox {
    enum Content {
        case empty
        case value(BSONValue)
        case document([(String, BSONEncodingBox)])
        case array([BSONEncodingBox])
    }

    var content: Content = .empty

    var resolved: BSONValue {
        switch content {
        case .empty: .document(BSONDocument())
        case .value(let value): value
        case .document(let elements): .document(BSONDocument(elements.map { ($0.0, $0.1.resolved) }))
        case .array(let boxes): .array(boxes.map(\.resolved))
        }
    }

    /// The child box for `key`, replacing an earlier value of the same key.
    func child(forKey key: String) -> BSONEncodingBox {
        var elements: [(String, BSONEncodingBox)] = []
        if case .document(let existing) = content { elements = existing }
        let box = BSONEncodingBox()
        if let index = elements.firstIndex(where: { $0.0 == key }) {
            elements[index].1 = box
        } else {
            elements.append((key, box))
        }
        content = .document(elements)
        return box
    }

    func appendChild() -> BSONEncodingBox {
        var boxes: [BSONEncodingBox] = []
        if case .array(let existing) = content { boxes = existing }
        let box = BSONEncodingBox()
        boxes.append(box)
        content = .array(boxes)
        return box
    }
}

struct BSONValueEncoder: Encoder {
    let box: BSONEncodingBox
    let codingPath: [any CodingKey]
    let nilStrategy: BSONEncoder.NilStrategy
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .document = box.content {} else { box.content = .document([]) }
        return KeyedEncodingContainer(BSONKeyedEncodingContainer<Key>(encoder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .array = box.content {} else { box.content = .array([]) }
        return BSONUnkeyedEncodingContainer(encoder: self)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        BSONSingleValueEncodingContainer(encoder: self)
    }

    func nested(_ box: BSONEncodingBox, _ key: any CodingKey) -> BSONValueEncoder {
        BSONValueEncoder(box: box, codingPath: codingPath + [key], nilStrategy: nilStrategy)
    }

    /// Writes the BSON-native types directly, everything else through its `encode(to:)`.
    func encodeValue<T: Encodable>(_ value: T) throws {
        switch value {
        case let value as BSONValue: box.content = .value(value)
        case let value as BSONDocument: box.content = .value(.document(value))
        case let value as Date: box.content = .value(.datetime(BSONDateTime(value)))
        case let value as BSONDateTime: box.content = .value(.datetime(value))
        case let value as BSONObjectId: box.content = .value(.objectId(value))
        default: try value.encode(to: self)
        }
    }
}
