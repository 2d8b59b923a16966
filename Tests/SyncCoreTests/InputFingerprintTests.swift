import Foundation
import Testing

@testable import SyncCore

/// The plan compares an item's input fingerprint with its link's as a digest, without writing it as hex: the
/// comparison must agree with comparing the hex strings, whatever the link holds.
@Suite struct InputFingerprintTests {
    let item = Fixtures.item(labels: ["bug"], assignees: ["Alice@Example.com"])
    let mapping = Fixtures.mapping(version: 1)

    @Test func theDigestIsRecordedExactlyWhereItsHexIs() {
        let digest = Fingerprint.inputDigest(item, mapping: mapping)
        let hex = Fingerprint.input(item, mapping: mapping)
        #expect(digest.hex == hex)
        #expect(digest.isRecorded(hex))
        // A copy that is not the same string object, and one in a bridged or substring form.
        #expect(digest.isRecorded(String(hex.utf8.map { Character(Unicode.Scalar($0)) })))
        #expect(digest.isRecorded(String(Substring(hex))))
        #expect(!digest.isRecorded(nil))
        #expect(!digest.isRecorded(""))
        #expect(!digest.isRecorded(hex.uppercased()))
        #expect(!digest.isRecorded(String(hex.dropLast())))
        #expect(!digest.isRecorded(hex + "0"))
        var other = item
        other.title = (item.title ?? "") + "."
        #expect(!digest.isRecorded(Fingerprint.input(other, mapping: mapping)))
        // Each digit position counts.
        for position in [0, 1, 31, 62, 63] {
            var bytes = Array(hex.utf8)
            bytes[position] = bytes[position] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
            #expect(!digest.isRecorded(String(decoding: bytes, as: UTF8.self)))
        }
    }
}
