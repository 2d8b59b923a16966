import Testing

@testable import SyncCore

/// SHA-256 now comes from swift-crypto; every digest stored before (the links' fingerprints) must come out
/// the same. (`Tests/PlaneAPITests/RedactionTests.swift` pins the API key fingerprints the same way.)
@Suite struct DigestTests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
        (String(repeating: "a", count: 1_000_000), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"),
    ])
    func standardVectors(input: String, expected: String) {
        #expect(Fingerprint.hex(Array(input.utf8)) == expected)
    }

    /// The serialisation of `Fingerprint.remote`, hashed independently (Python's hashlib over the same bytes).
    @Test func remoteFingerprintIsUnchanged() {
        let values = PlaneValues(
            name: "Ship it", descriptionHTML: "<p>Ünïcödé &amp; 🚀</p>", stateId: "state-1", priority: "high",
            labelIds: ["l2", "l1"], startDate: "2026-01-02")
        #expect(Fingerprint.remote(values) == "8339830fddffc179689b46fcb400afc04e4ca7d81026b7b9ac173100e0c48f22")
    }
}
