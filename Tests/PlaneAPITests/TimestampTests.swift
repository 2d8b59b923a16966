import Foundation
import PlaneAPI
import Testing

@Suite struct TimestampTests {
    @Test(arguments: [
        "2026-11-25T19:37:16.078709Z",
        "2026-11-25T19:37:16Z",
        "2026-11-25T19:37:16.000001+05:30",
        "2026-11-25T01:07:16.999999-03:00",
        "1969-12-31T23:59:59.500000Z",
        "2000-02-29T00:00:00+14:00",
    ])
    func printsWhatItParsed(_ text: String) throws {
        let timestamp = try #require(PlaneTimestamp(text))
        #expect(timestamp.description == text)
        #expect(PlaneTimestamp(timestamp.description) == timestamp)
    }

    @Test func keepsMicrosecondsExactly() throws {
        let earlier = try #require(PlaneTimestamp("2026-11-25T19:37:16.078709Z"))
        let later = try #require(PlaneTimestamp("2026-11-25T19:37:16.078710Z"))
        #expect(later.microsecondsSinceEpoch - earlier.microsecondsSinceEpoch == 1)
        #expect(earlier < later)
        #expect(earlier.microsecondsSinceEpoch == 1_795_635_436_078_709)
    }

    @Test func offsetsNameTheSameInstant() throws {
        let utc = try #require(PlaneTimestamp("2026-11-25T14:07:16.5Z"))
        let india = try #require(PlaneTimestamp("2026-11-25T19:37:16.500000+05:30"))
        #expect(utc == india)
        #expect(india.utcOffsetSeconds == 19_800)
        #expect(india.withUTCOffset(seconds: 0).description == "2026-11-25T14:07:16.500000Z")
        #expect(PlaneTimestamp("2026-11-25T19:37:16+0530") == india.withUTCOffset(seconds: 0).addingMicros(-500_000))
        #expect(PlaneTimestamp("2026-11-25T14:07:16.5-00:00") == utc)
    }

    @Test(arguments: [
        "2026-11-25T19:37:16", "2026-11-25 19:37", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z",
        "2026-11-25T24:00:00Z", "2026-11-25T19:37:16.Z", "2026-11-25T19:37:16Zjunk", "", "yesterday",
    ])
    func rejectsWhatIsNotADatetimeWithOffset(_ text: String) {
        #expect(PlaneTimestamp(text) == nil)
    }

    @Test func codableRoundTripKeepsTheString() throws {
        let json = Data(#"["2026-11-25T19:37:16.078709+05:30","2026-11-25T19:37:16Z"]"#.utf8)
        let values = try JSONDecoder().decode([PlaneTimestamp].self, from: json)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        #expect(try encoder.encode(values) == json)
    }

    @Test func invalidTimestampFailsDecodingWithItsPath() {
        let json = Data(#"{"id": "x", "updated_at": "25/11/2026"}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(PlaneWorkItem.self, from: json) }
    }

    @Test func datesParseAndPrint() throws {
        let date = try #require(PlaneDate("2024-02-29"))
        #expect(date.description == "2024-02-29")
        #expect(date.daysSinceEpoch == 19_782)
        #expect(PlaneDate("2023-02-29") == nil)
        #expect(PlaneDate("2024-2-29") == nil)
        #expect(PlaneDate("2024-02-29T00:00:00Z") == nil)
        #expect(try #require(PlaneDate("2026-05-30")) < (try #require(PlaneDate("2026-06-15"))))
    }
}

extension PlaneTimestamp {
    fileprivate func addingMicros(_ micros: Int64) -> PlaneTimestamp {
        PlaneTimestamp(microsecondsSinceEpoch: microsecondsSinceEpoch + micros, utcOffsetSeconds: utcOffsetSeconds)
    }
}
