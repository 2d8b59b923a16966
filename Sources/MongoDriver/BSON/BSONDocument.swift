/// An ordered BSON document: keys keep the order they were written in, as the server keeps them.
///
/// Lookup by key is a linear scan, which beats hashing for the dozen-field documents BoardSync reads.
public struct BSONDocument: Sendable, Hashable {
    public private(set) var elements: [(key: String, value: BSONValue)]

    public init() {
        elements = []
    }

    public init(_ elements: [(String, BSONValue)]) {
        self.elements = elements.map { (key: $0.0, value: $0.1) }
    }

    public var keys: [String] { elements.map(\.key) }
    public var count: Int { elements.count }
    public var isEmpty: Bool { elements.isEmpty }

    /// The value of `key`; setting `nil` removes the key, setting a value replaces it in place or appends it.
    public subscript(key: String) -> BSONValue? {
        get {
            for element in elements where element.key == key {
                return element.value
            }
            return nil
        }
        set {
            let index = elements.firstIndex { $0.key == key }
            switch (index, newValue) {
            case (let index?, let value?): elements[index].value = value
            case (let index?, nil): elements.remove(at: index)
            case (nil, let value?): elements.append((key: key, value: value))
            case (nil, nil): break
            }
        }
    }

    /// Appends without checking for an existing key (the caller knows the key is new).
    public mutating func append(_ key: String, _ value: BSONValue) {
        elements.append((key: key, value: value))
    }

    /// The value at a dotted path such as `sync_state.cursor`.
    public func value(at dottedPath: String) -> BSONValue? {
        var current: BSONValue = .document(self)
        for part in dottedPath.split(separator: ".", omittingEmptySubsequences: false) {
            switch current {
            case .document(let document):
                guard let next = document[String(part)] else { return nil }
                current = next
            case .array(let array):
                guard let index = Int(part), array.indices.contains(index) else { return nil }
                current = array[index]
            default:
                return nil
            }
        }
        return current
    }

    public static func == (lhs: BSONDocument, rhs: BSONDocument) -> Bool {
        lhs.elements.count == rhs.elements.count
            && zip(lhs.elements, rhs.elements).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(elements.count)
        for element in elements {
            hasher.combine(element.key)
            hasher.combine(element.value)
        }
    }
}

extension BSONDocument: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, BSONValue)...) {
        self.init(elements)
    }
}

extension BSONDocument: Sequence {
    public func makeIterator() -> IndexingIterator<[(key: String, value: BSONValue)]> {
        elements.makeIterator()
    }
}
