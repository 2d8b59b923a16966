/// One write of a bulk write.
public enum MongoWriteModel: Sendable, Hashable {
    case insertOne(BSONDocument)
    case updateOne(filter: BSONDocument, update: MongoUpdate, upsert: Bool = false)
    case updateMany(filter: BSONDocument, update: MongoUpdate, upsert: Bool = false)
    case replaceOne(filter: BSONDocument, replacement: BSONDocument, upsert: Bool = false)
    case deleteOne(filter: BSONDocument)
    case deleteMany(filter: BSONDocument)
}

/// What a bulk write did.
public struct MongoBulkWriteResult: Sendable, Hashable {
    public var insertedCount: Int
    public var matchedCount: Int
    public var modifiedCount: Int
    public var deletedCount: Int
    public var upsertedCount: Int
    /// The `_id` each upsert inserted, by the index of its model.
    public var upsertedIds: [Int: BSONValue]
    /// The writes the server refused (an unordered bulk write goes on past them).
    public var writeErrors: [MongoWriteError]

    init(reply: BSONDocument) {
        func count(_ key: String) -> Int { Int(reply[key]?.int64Value ?? 0) }
        insertedCount = count("nInserted")
        matchedCount = count("nMatched")
        modifiedCount = count("nModified")
        deletedCount = count("nRemoved")
        upsertedCount = count("nUpserted")
        var upserted: [Int: BSONValue] = [:]
        for entry in reply["upserted"]?.arrayValue ?? [] {
            guard let entry = entry.documentValue, let index = entry["index"]?.int64Value, let id = entry["_id"] else {
                continue
            }
            upserted[Int(index)] = id
        }
        upsertedIds = upserted
        writeErrors = (reply["writeErrors"]?.arrayValue ?? []).compactMap { $0.documentValue.map(MongoWriteError.init) }
    }
}

/// A write a bulk write could not apply: its index among the models, the server's code and message.
public struct MongoWriteError: Sendable, Hashable {
    public var index: Int
    public var code: Int
    public var message: String

    init(_ document: BSONDocument) {
        index = Int(document["index"]?.int64Value ?? -1)
        code = Int(document["code"]?.int64Value ?? 0)
        message = Redaction.redact(document["errmsg"]?.stringValue ?? "")
    }
}
