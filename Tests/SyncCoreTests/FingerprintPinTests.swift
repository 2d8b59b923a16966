import Foundation
import SyncCore
import Testing

/// Links store fingerprints: a fingerprint whose value changes makes every linked item "changed" on the next
/// run. These digests were recorded from the implementation before its serialisation was rewritten for speed
/// (issue 15, 5a); the rewrite must give every generated item, mapping and Plane value exactly the same hash.
@Suite struct FingerprintPinTests {
    static let count = 480

    @Test func inputFingerprintsOfVariedItemsAreUnchanged() {
        let prints = (0..<Self.count).map { Fingerprint.input(PinBoard.item($0), mapping: PinBoard.mapping($0)) }
        #expect(Set(prints).count > Self.count - 10, "the generated items are varied")
        #expect(prints[0] == "ff746ce87b10d9489a123091627b1e319dcd3fdcbcc0a577bc36d3434e9f9366")
        #expect(PinBoard.digest(prints) == "ad63c0d76e57509c")
    }

    /// Lists where the order of equal strings shows: canonically equivalent spellings, emails equal but for
    /// case, and lists long enough to be sorted differently.
    @Test func inputFingerprintsOfListsWithEqualAndManyValuesAreUnchanged() {
        let lists: [[String]] = [
            ["Cafe\u{301}", "Café", "b"], ["Café", "Cafe\u{301}", "b"], ["b", "Café", "a", "Cafe\u{301}"],
            ["Bob@X.com", "bob@x.com", "ALICE@x.com"], ["É@x", "e\u{301}@x", "é@x"], ["e\u{301}@x", "É@x"],
            (0..<70).map { "label-\(($0 * 37) % 70)" }, (0..<70).map { $0 % 2 == 0 ? "Café" : "Cafe\u{301}" },
            (0..<30).map { "User\(($0 * 7) % 30)@Example.com" }, ["z", "Z", "a", "A", "", "_", "~"],
        ]
        let prints = lists.map { list in
            Fingerprint.input(Fixtures.item(labels: list, assignees: list), mapping: Fixtures.mapping())
        }
        #expect(PinBoard.digest(prints) == "f5b83fbe0909d2eb")
    }

    /// Descriptions long enough to be hashed from the string's storage rather than through the buffer.
    @Test func fingerprintsOfLongDescriptionsAreUnchanged() {
        let lengths = [255, 256, 257, 300, 1_000, 4_096, 20_000]
        var prints: [String] = []
        for (offset, length) in lengths.enumerated() {
            for text in ["x", "Café ", "👩‍💻", PinBoard.texts[offset + 9]] {
                let body = String(String(repeating: text, count: length).prefix(length))
                var item = PinBoard.item(offset * 5 + 1)
                item.description = body
                item.title = offset.isMultiple(of: 2) ? body : item.title
                prints.append(Fingerprint.input(item, mapping: PinBoard.mapping(offset)))
                var values = PinBoard.values(offset)
                values.descriptionHTML = "<p>" + body + "</p>"
                values.labelIds = [body, "a"]
                prints.append(Fingerprint.remote(values))
            }
        }
        #expect(PinBoard.digest(prints) == "02c694d177d70b92")
    }

    @Test func remoteFingerprintsOfVariedValuesAreUnchanged() {
        let prints = (0..<Self.count).map { Fingerprint.remote(PinBoard.values($0)) }
        #expect(PinBoard.digest(prints) == "5b0b42ebbf1c8651")
    }

    @Test func configurationDigestsAreUnchanged() {
        let prints = (0..<40).map { index in
            var configuration = Fixtures.configuration(version: index)
            configuration.mapping = PinBoard.mapping(index)
            configuration.scope.excludeLabels = Set(PinBoard.texts.prefix(index % 5))
            return Fingerprint.configuration(configuration)
        }
        #expect(PinBoard.digest(prints) == "1920b9f70b453b4d")
    }
}

/// Deterministic, varied inputs: item `i` takes its fields from `i` through tables chosen to cross every
/// path of the serialisation (nil, empty, ASCII, non-ASCII, canonically equivalent spellings, case).
enum PinBoard {
    static let texts = [
        "", "a", "Implement login", "a,b", "k=v;x", "Café", "Cafe\u{301}", "Straße", "İstanbul", "ÅSA",
        "👩‍💻 dev", "日本語のタイトル", "tab\there", "line\nbreak", "  padded  ", "Zebra", "apple", "Apple", "\u{0}",
        "ǅ titlecase",
    ]
    static let emails = [
        "alice@example.com", "BOB@Example.COM", "Ünal@Beispiel.de", "İREM@example.com", "ß@x.de", "carol@ACME.example",
        "Zed@z", "a@b", "ÉLODIE@exemple.fr", "e\u{301}lodie@exemple.fr",
    ]
    static let statuses: [String?] = [nil, "todo", "doing", "done", "ghost", "Backlog", "", "Ünmapped"]
    static let priorities: [String?] = [nil, "p1", "high", "urgent", "", "Low"]
    static let dates: [Date?] = [
        nil, Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: 1_800_000_000.0005),
        Date(timeIntervalSince1970: -86_400.25), Date(timeIntervalSince1970: 253_402_300_799.999),
        Date(timeIntervalSince1970: 1_790_000_000.1234),
    ]

    static func pick<T>(_ table: [T], _ index: Int, _ salt: Int) -> T {
        table[(index &* 31 &+ salt &* 17 &+ index / 7) % table.count]
    }

    static func list<T>(_ table: [T], _ index: Int, _ salt: Int) -> [T]? {
        let length = (index / 3 + salt) % 6
        if length == 5 { return nil }
        return (0..<length).map { pick(table, index &+ $0 &* 13, salt &+ $0) }
    }

    static func id(_ index: Int) -> BoardItemID {
        index % 3 == 0 ? .string(pick(texts, index, 1) + String(index)) : .objectId(String(format: "%024x", index))
    }

    static func item(_ index: Int) -> BoardItem {
        let parent: BoardItemID? = index % 4 == 0 ? nil : id(index / 2 + 1)
        return BoardItem(
            id: id(index), projectId: index % 5 == 0 ? pick(texts, index, 2) : "nexus",
            title: index % 11 == 0 ? nil : pick(texts, index, 3) + " \(index)",
            description: index % 13 == 0 ? nil : String(repeating: pick(texts, index, 4) + "\n", count: index % 9),
            status: pick(statuses, index, 5), priority: pick(priorities, index, 6), labels: list(texts, index, 7),
            assignees: list(emails, index, 8), startDate: pick(dates, index, 9), dueDate: pick(dates, index, 10),
            parentId: parent, createdAt: dates[index % 3], updatedAt: dates[index % 4])
    }

    static func mapping(_ index: Int) -> SyncConfiguration.Mapping {
        SyncConfiguration.Mapping(
            version: index % 4, status: index % 3 == 0 ? [:] : ["todo": "Todo", "done": "Done", "Ünmapped": "Ä"],
            priority: index % 2 == 0 ? ["p1": "urgent", "high": "high"] : [:],
            labels: index % 5 == 0 ? .exact : .merge, timezone: index % 7 == 0 ? "Europe/Berlin" : "UTC",
            backlinkTemplate: index % 6 == 0 ? nil : "https://nexus.example/{project_id}/{id}")
    }

    static func values(_ index: Int) -> PlaneValues {
        PlaneValues(
            name: pick(texts, index, 11), descriptionHTML: index % 5 == 0 ? "" : "<p>\(pick(texts, index, 12))</p>",
            stateId: index % 4 == 0 ? nil : "state-\(index % 3)", priority: pick(priorities, index, 13) ?? "none",
            labelIds: list(texts, index, 14) ?? [], assigneeIds: list(emails, index, 15) ?? [],
            startDate: index % 3 == 0 ? nil : "2026-01-0\(index % 9 + 1)",
            targetDate: index % 2 == 0 ? nil : "2027-12-31",
            parentId: index % 6 == 0 ? nil : "parent-\(index)")
    }

    /// FNV-1a over the fingerprints in order: any changed fingerprint changes it.
    static func digest(_ prints: [String]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in prints.joined(separator: "\n").utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return String(format: "%016llx", hash)
    }
}
