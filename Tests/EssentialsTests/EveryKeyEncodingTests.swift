import Essentials
import Foundation
import Testing

@Suite struct EveryKeyEncodingTests {
    struct Record: Codable, Equatable {
        var id: String
        var planeItemId: String?
        var planeURL: String?
        var tags: [String] = []
        var seen: Date?
        var notCoded = 0

        var linked: Bool { planeItemId != nil }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case id
            case planeItemId = "plane_item_id"
            case planeURL = "plane_url"
            case tags, seen
        }

        func encode(to encoder: any Encoder) throws {
            try encoder.encodeEveryKey(of: self, keyedBy: CodingKeys.self, adding: ["linked": linked])
        }
    }

    struct Renamed: Encodable {
        var other: String?

        enum CodingKeys: String, CodingKey, CaseIterable { case gone }

        func encode(to encoder: any Encoder) throws {
            try encoder.encodeEveryKey(of: self, keyedBy: CodingKeys.self)
        }
    }

    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    @Test func everyKeyIsWrittenNullWhenThereIsNoValue() throws {
        let record = Record(id: "a")
        #expect(
            try Self.json(record)
                == #"{"id":"a","linked":false,"plane_item_id":null,"plane_url":null,"seen":null,"tags":[]}"#)
    }

    @Test func valuesKeepTheEncodersStrategiesAndDecodeBack() throws {
        let record = Record(
            id: "b", planeItemId: "p", planeURL: "https://x", tags: ["t"], seen: Date(timeIntervalSince1970: 0))
        let text = try Self.json(record)
        #expect(
            text
                == #"{"id":"b","linked":true,"plane_item_id":"p","plane_url":"https:\/\/x","seen":"1970-01-01T00:00:00Z","tags":["t"]}"#
        )
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        #expect(try decoder.decode(Record.self, from: Data(text.utf8)) == record)
    }

    @Test func aKeyWithNoStoredPropertyIsAnError() {
        #expect(throws: EncodingError.self) { try Self.json(Renamed()) }
    }
}
