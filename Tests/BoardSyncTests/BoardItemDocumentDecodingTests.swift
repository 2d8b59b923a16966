import BoardSyncTestSupport
import Foundation
import MongoDriver
import Testing

@testable import BoardSync

/// `BoardItemDocument` reads its fields by hand (`init(fields:)`, for benchmark 5c); these hold it to the
/// `Codable` reading it replaced (``ReferenceBoardItem``, the old `init(from:)` verbatim): every field with
/// every kind of value, absent, null, repeated, and several faults at once, through the cursor (SecantusDB)
/// and through ``BSONDecoder``. Same values when accepted, the same ``BSONError`` (code, field, reason,
/// `_id`) when refused.
@Suite struct BoardItemDocumentDecodingTests {
    static let fields = [
        "_id", "project_id", "title", "description", "status", "priority", "labels", "assignees", "start_date",
        "due_date", "parent_id", "created_at", "updated_at", "deleted_at", "extra",
    ]

    static let values: [(String, BSONValue)] = [
        ("string", "text"), ("empty string", ""), ("int", 7), ("long", .int64(1 << 40)), ("double", 1.5),
        ("bool", true), ("date", .date(Date(timeIntervalSince1970: 1_790_000_000))),
        ("objectId", .objectId(BSONObjectId(hex: "6b0000000000000000000099")!)), ("null", .null),
        ("strings", ["a", "b"]), ("empty array", []), ("array with an int", ["a", 3]),
        ("array with a null", [.null]), ("array with a document", [["a": 1]]), ("document", ["a": 1]),
        ("regex", .regex(pattern: "a.*", options: "i")),
    ]

    static func base(_ number: Int) -> BSONDocument {
        [
            "_id": .string("case-\(number)"), "project_id": "nexus", "title": "A title", "description": "Text.",
            "status": "todo", "priority": "low", "labels": ["bug"], "assignees": ["ann"],
            "start_date": .date(Date(timeIntervalSince1970: 1_780_000_000)), "due_date": .null,
            "parent_id": .objectId(BSONObjectId(hex: "6b0000000000000000000001")!),
            "created_at": .date(Date(timeIntervalSince1970: 1_770_000_000)),
            "updated_at": .date(Date(timeIntervalSince1970: 1_790_000_000)), "deleted_at": .null,
            "n": .int32(Int32(number)),
        ]
    }

    /// Each field absent and with each kind of value; repeated fields; several faults in both orders.
    static func cases(storable: Bool) -> [BSONDocument] {
        var documents: [BSONDocument] = []
        for field in fields where !(storable && field == "_id") {
            var absent = base(documents.count)
            absent[field] = nil
            documents.append(absent)
            for (_, value) in values {
                var document = base(documents.count)
                document[field] = value
                documents.append(document)
            }
        }
        for (first, second) in [(BSONValue.int32(4), BSONValue.string("ok")), ("ok", 4), (.null, "ok"), ("ok", .null)] {
            for field in ["title", "labels", "updated_at", "project_id", "extra"] {
                var document = base(documents.count)
                document[field] = nil
                document.append(field, first)
                document.append(field, second)
                documents.append(document)
            }
        }
        let faults: [[(String, BSONValue?)]] = [
            [("labels", "bug"), ("title", 42)], [("title", 42), ("labels", "bug")],
            [("project_id", nil), ("title", 42)], [("updated_at", "2026-11-25"), ("deleted_at", 1)],
            [("updated_at", nil), ("labels", [1])], [("assignees", [.null]), ("project_id", .null)],
        ]
        for fault in faults {
            var document = base(documents.count)
            for (field, _) in fault { document[field] = nil }
            for (field, value) in fault { if let value { document.append(field, value) } }
            documents.append(document)
        }
        return documents
    }

    @Test func theCursorDecodesAsTheCodableReferenceDid() async throws {
        try await TestServer.withDatabase { _, database in
            let collection = database.collection(CollectionNames.boardItems)
            let documents = Self.cases(storable: true)
            try await collection.insertMany(documents)
            let options = MongoFindOptions(sort: ["n": 1], batchSize: 50)
            let ours = try await collection.find([:], options: options, as: BoardItemDocument.self).collect()
            let reference = try await collection.find([:], options: options, as: ReferenceBoardItem.self).collect()
            #expect(ours.count == documents.count && reference.count == documents.count)
            for (index, (mine, theirs)) in zip(ours, reference).enumerated() {
                Self.expectSame(mine, theirs, documents[index])
            }
            #expect(ours.contains { if case .failure = $0 { true } else { false } })
            #expect(ours.contains { if case .success = $0 { true } else { false } })
        }
    }

    @Test func theTreeDecoderDecodesAsTheCodableReferenceDid() {
        var documents = Self.cases(storable: false)
        documents.append(["project_id": "nexus", "updated_at": .date(Date()), "title": 4])  // no _id, and a fault
        for document in documents {
            let mine = Result { () throws(BSONError) in try BSONDecoder().decode(BoardItemDocument.self, from: document)
            }
            let theirs = Result { () throws(BSONError) in
                try BSONDecoder().decode(ReferenceBoardItem.self, from: document)
            }
            Self.expectSame(mine, theirs, document)
        }
    }

    static func expectSame(
        _ mine: Result<BoardItemDocument, BSONError>, _ theirs: Result<ReferenceBoardItem, BSONError>,
        _ document: BSONDocument
    ) {
        switch (mine, theirs) {
        case (.success(let mine), .success(let theirs)):
            #expect(mine == theirs.document, "\(document)")
        case (.failure(let mine), .failure(let theirs)):
            #expect(mine == theirs, "\(document)")
            #expect(mine.documentId != nil || document["_id"] == nil, "\(document)")
        default:
            Issue.record("accepted by one and refused by the other: \(mine) vs \(theirs) for \(document)")
        }
    }
}

/// `BoardItemDocument`'s `Codable` reading before `init(fields:)`, kept as the reference.
struct ReferenceBoardItem: Decodable, Sendable {
    var document: BoardItemDocument

    typealias CodingKeys = BoardItemDocument.CodingKeys

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        var item = try BoardItemDocument(
            minimal: ["_id": .null, "project_id": "", "updated_at": .date(Date(timeIntervalSince1970: 0))])
        item.id = try container.decode(BSONValue.self, forKey: .id)
        item.projectId = try container.decode(String.self, forKey: .projectId)
        item.title = try container.decodeIfPresent(String.self, forKey: .title)
        item.description = try container.decodeIfPresent(String.self, forKey: .description)
        item.status = try container.decodeIfPresent(String.self, forKey: .status)
        item.priority = try container.decodeIfPresent(String.self, forKey: .priority)
        item.labels = try container.decodeIfPresent([String].self, forKey: .labels)
        item.assignees = try container.decodeIfPresent([String].self, forKey: .assignees)
        item.startDate = try container.decodeIfPresent(Date.self, forKey: .startDate)
        item.dueDate = try container.decodeIfPresent(Date.self, forKey: .dueDate)
        item.parentId = try container.decodeIfPresent(BSONValue.self, forKey: .parentId)
        item.createdAt = try container.decodeIfPresent(Date.self, forKey: .createdAt)
        item.updatedAt = try container.decode(Date.self, forKey: .updatedAt)
        item.deletedAt = try container.decodeIfPresent(Date.self, forKey: .deletedAt)
        let all = try decoder.container(keyedBy: FieldName.self)
        for key in all.allKeys where CodingKeys(rawValue: key.stringValue) == nil {
            if try !all.decodeNil(forKey: key) { item.otherFields.insert(key.stringValue) }
        }
        document = item
    }

    private struct FieldName: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}

extension BoardItemDocument {
    /// A starting value for the reference: decoded from a minimal document.
    fileprivate init(minimal document: BSONDocument) throws {
        self = try BSONDecoder().decode(BoardItemDocument.self, from: document)
    }
}
