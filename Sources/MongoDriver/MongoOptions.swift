/// Options of ``MongoCollection/find(_:options:)``.
public struct MongoFindOptions: Sendable {
    public var sort: BSONDocument?
    public var projection: BSONDocument?
    public var limit: Int?
    public var skip: Int?
    /// Documents per round trip, and per hop onto the client's threads; the cursor holds no more at once.
    public var batchSize: Int

    public init(
        sort: BSONDocument? = nil, projection: BSONDocument? = nil, limit: Int? = nil, skip: Int? = nil,
        batchSize: Int = 256
    ) {
        self.sort = sort
        self.projection = projection
        self.limit = limit
        self.skip = skip
        self.batchSize = batchSize
    }

    var document: BSONDocument {
        var options = BSONDocument()
        if let sort { options["sort"] = .document(sort) }
        if let projection { options["projection"] = .document(projection) }
        if let limit { options["limit"] = .int64(Int64(limit)) }
        if let skip { options["skip"] = .int64(Int64(skip)) }
        options["batchSize"] = .int32(Int32(clamping: batchSize))
        return options
    }
}

public struct MongoInsertManyResult: Sendable, Hashable {
    public var insertedIds: [BSONValue]
}

public struct MongoUpdateResult: Sendable, Hashable {
    public var matchedCount: Int
    public var modifiedCount: Int
    /// The `_id` of the document an upsert inserted.
    public var upsertedId: BSONValue?
}

/// Which version of the document `findOneAndUpdate` returns.
public enum MongoReturnDocument: Sendable {
    case before, after
}

/// An update: a document of `$` operators, or an aggregation pipeline (which may use `$$NOW`).
public enum MongoUpdate: Sendable, Hashable {
    case document(BSONDocument)
    case pipeline([BSONDocument])

    var value: BSONValue {
        switch self {
        case .document(let document): .document(document)
        case .pipeline(let stages): .array(stages.map(BSONValue.document))
        }
    }

    /// libmongoc takes a pipeline as a `bson_t` whose keys are "0", "1", ...
    var bsonForLibmongoc: BSONDocument {
        switch self {
        case .document(let document): document
        case .pipeline(let stages): BSONDocument(stages.enumerated().map { (String($0.offset), .document($0.element)) })
        }
    }
}

extension MongoUpdate: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, BSONValue)...) {
        self = .document(BSONDocument(elements))
    }
}
