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
        // Copies that are other string objects: rebuilt from characters, and from a substring.
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

    /// The writer hashes the documented serialisation (`key=<length>:<value>;`) whatever the lengths around its
    /// 1 KB buffer: values that fill it exactly, overflow it, are longer than it, or are streamed from storage.
    @Test(arguments: [0, 1, 255, 256, 1000, 1010, 1013, 1014, 1015, 1024, 1030, 3000])
    func theWriterHashesTheSerialisationWhateverTheLengths(length: Int) {
        let long = String(repeating: "y", count: length)
        let digest = FingerprintWriter.digest { writer in
            writer.add("k", "v")
            writer.add("p", prefix: "str:", long)
            writer.add("t", long)
            writer.add("n", 1234 as Int64)
            writer.add("l", [long, "a"])
        }
        let expected =
            "k=1:v;p=\(length + 4):str:\(long);t=\(length):\(long);n=4:1234;l=[2]\(length):\(long),1:a,;"
        #expect(Fingerprint.hex(digest) == Fingerprint.hex(Array(expected.utf8)))
    }
}
