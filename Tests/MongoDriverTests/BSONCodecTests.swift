import Foundation
import Testing

@testable import MongoDriver

@Suite struct BSONCodecTests {
    static let sample: BSONDocument = [
        "_id": .objectId(BSONObjectId(hex: "65a1b2c3d4e5f60718293a4b")!),
        "double": 3.25,
        "int32": .int32(-7),
        "int64": .int64(1 << 40),
        "bool": true,
        "null": nil,
        "string": "héllo 👋 \u{0}inside",
        "date": .datetime(BSONDateTime(millisecondsSinceEpoch: 1_764_000_000_123)),
        "nested": ["a": ["b": [1, "two", 3.0]]],
        "array": [.int32(1), .int64(2), .string("three"), ["four": 4]],
        "binary": .binary(BSONBinary(subtype: 4, data: Array(0..<16))),
        "regex": .regex(pattern: "^a.*z$", options: "i"),
        "timestamp": .timestamp(increment: 7, seconds: 1_700_000_000),
        "decimal": .decimal128(BSONDecimal128(bytes: Array(repeating: 1, count: 16))),
        "min": .minKey,
        "max": .maxKey,
    ]

    @Test func everyTypeRoundTripsThroughBytes() throws {
        let bytes = Self.sample.bsonBytes
        let decoded = try BSONDocument(bsonBytes: bytes)
        #expect(decoded == Self.sample)
        #expect(decoded.bsonBytes == bytes)
        #expect(decoded.keys == Self.sample.keys)
    }

    @Test func invalidUTF8InAStringIsAnErrorNamingTheField() throws {
        // { "title": "\xC3\x28" } built by hand: C3 28 is not UTF-8.
        let bytes: [UInt8] = [
            0x13, 0, 0, 0,  // length 19
            0x02, 0x74, 0x69, 0x74, 0x6C, 0x65, 0,  // string "title"
            0x03, 0, 0, 0, 0xC3, 0x28, 0,  // length 3, bytes, NUL
            0,
        ]
        #expect(bytes.count == 19)
        #expect {
            try BSONDocument(bsonBytes: bytes)
        } throws: { error in
            let error = error as? BSONError
            return error?.code == .invalidUTF8 && error?.path == "title"
        }
    }

    @Test func truncatedAndMislabelledDocumentsAreErrorsNotCrashes() {
        let bytes = (["a": "b", "c": [1, 2]] as BSONDocument).bsonBytes
        for cut in 0..<bytes.count {
            #expect(throws: BSONError.self) { try BSONDocument(bsonBytes: Array(bytes.prefix(cut))) }
        }
        var lying = bytes
        lying[0] = 200
        #expect(throws: BSONError.self) { try BSONDocument(bsonBytes: lying) }
    }

    struct Everything: Codable, Equatable {
        var id: BSONObjectId
        var title: String
        var count32: Int32
        var count64: Int64
        var count: Int
        var ratio: Double
        var done: Bool
        var due: Date
        var missing: String?
        var labels: [String]
        var nested: Nested
        var raw: BSONValue

        struct Nested: Codable, Equatable {
            var emails: [String]
            var at: Date?
        }

        enum CodingKeys: String, CodingKey {
            case id = "_id"
            case title, count32, count64, count, ratio, done, due, missing, labels, nested, raw
        }
    }

    @Test func codableRoundTripKeepsBSONTypes() throws {
        let value = Everything(
            id: BSONObjectId(), title: "Ship it 🚀", count32: 32, count64: 1 << 50, count: 42, ratio: 0.5, done: true,
            due: Date(timeIntervalSince1970: 1_764_000_000.25), missing: nil, labels: ["a", "b"],
            nested: .init(emails: ["x@y.z"], at: nil), raw: ["anything": [1, "goes"]])
        let document = try BSONEncoder().encode(value)
        #expect(document["_id"] == .objectId(value.id))
        #expect(document["count32"] == .int32(32))
        #expect(document["count64"] == .int64(1 << 50))
        #expect(document["count"] == .int64(42))
        #expect(document["due"] == .datetime(BSONDateTime(millisecondsSinceEpoch: 1_764_000_000_250)))
        #expect(document["missing"] == .null)
        #expect(try BSONEncoder(nilStrategy: .omit).encode(value)["missing"] == nil)
        let decoded = try BSONDecoder().decode(Everything.self, from: try BSONDocument(bsonBytes: document.bsonBytes))
        #expect(decoded == value)
    }

    @Test func decodingIgnoresUnknownFieldsAndTreatsNullAsNil() throws {
        struct Small: Decodable {
            var title: String
            var due: Date?
        }
        let small = try BSONDecoder().decode(Small.self, from: ["title": "t", "due": nil, "extra": ["deep": 1]])
        #expect(small.title == "t")
        #expect(small.due == nil)
    }

    @Test func typeMismatchNamesTheFieldPathAndTheDocument() throws {
        struct Item: Decodable {
            var labels: [String]
        }
        let document: BSONDocument = ["_id": "item-7", "labels": ["ok", 5]]
        #expect {
            try BSONDecoder().decode(Item.self, from: document)
        } throws: { error in
            guard let error = error as? BSONError else { return false }
            return error.code == .typeMismatch && error.path == "labels[1]" && error.documentId == "item-7"
                && error.description.contains("expected a string, found int")
        }
    }

    @Test func missingRequiredFieldIsNamed() throws {
        struct Item: Decodable {
            var nested: Inner
            struct Inner: Decodable { var name: String }
        }
        #expect {
            try BSONDecoder().decode(Item.self, from: ["nested": ["other": 1]])
        } throws: { error in
            (error as? BSONError)?.code == .missingField && (error as? BSONError)?.path == "nested.name"
        }
    }

    @Test func objectIdHexRoundTripsAndRejectsJunk() {
        let id = BSONObjectId()
        #expect(BSONObjectId(hex: id.hex) == id)
        #expect(BSONObjectId(hex: id.hex.uppercased()) == id)
        #expect(BSONObjectId(hex: "xyz") == nil)
        #expect(BSONObjectId(hex: String(repeating: "g", count: 24)) == nil)
        #expect(BSONObjectId() != BSONObjectId())
    }

    @Test func dottedPathsReachIntoDocumentsAndArrays() {
        let document: BSONDocument = ["a": ["b": [["c": 1]]]]
        #expect(document.value(at: "a.b.0.c") == .int32(1))
        #expect(document.value(at: "a.x") == nil)
    }
}
