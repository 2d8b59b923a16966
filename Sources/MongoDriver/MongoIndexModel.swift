/// An index to create: keys in order, and its options.
public struct MongoIndexModel: Sendable, Hashable {
    public var keys: BSONDocument
    public var name: String
    public var unique: Bool
    /// Only documents matching this filter are indexed (and checked for uniqueness).
    public var partialFilterExpression: BSONDocument?
    /// A TTL index: documents expire this long after the date in the (single) indexed field.
    public var expireAfterSeconds: Int?

    public init(
        keys: BSONDocument, name: String, unique: Bool = false, partialFilterExpression: BSONDocument? = nil,
        expireAfterSeconds: Int? = nil
    ) {
        self.keys = keys
        self.name = name
        self.unique = unique
        self.partialFilterExpression = partialFilterExpression
        self.expireAfterSeconds = expireAfterSeconds
    }

    var document: BSONDocument {
        var document: BSONDocument = ["key": .document(keys), "name": .string(name)]
        if unique { document["unique"] = true }
        if let partialFilterExpression { document["partialFilterExpression"] = .document(partialFilterExpression) }
        if let expireAfterSeconds { document["expireAfterSeconds"] = .int32(Int32(clamping: expireAfterSeconds)) }
        return document
    }
}
