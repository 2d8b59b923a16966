import Foundation
import MongoDriver
import PlaneSimulator
import Testing

/// One kind of hostile board document for the bad-input suite: the documents to insert and what a run
/// must make of them.
struct BadBoardInput: Sendable, CustomTestStringConvertible {
    enum Outcome: Sendable {
        /// Not mirrored; the run's problems name the item and contain every one of these words.
        case problem([String])
        /// Mirrored; the Plane item passes the check (described by the text).
        case synced(String, @Sendable (SimJSON) -> Bool)
    }

    var kind: String
    /// The item whose outcome is checked (its `_id` as Plane's `external_id` would carry it).
    var id: String
    var documents: [BSONDocument]
    var outcome: Outcome
    /// Costs a lot of CPU to process (checked once, in the combined run).
    var heavy = false

    var testDescription: String { kind }

    static func objectId(_ number: Int) -> BSONObjectId {
        BSONObjectId(hex: String(format: "6b00000000000000000000%02x", number))!
    }

    /// A valid document for project `nexus`; `fields` replace or add to it (`.null` removes nothing, use
    /// `removing`).
    static func document(_ id: BSONValue, _ fields: BSONDocument = [:], removing: [String] = []) -> BSONDocument {
        var document: BSONDocument = [
            "_id": id, "project_id": "nexus", "title": "A fine title", "description": "Fine.", "status": "todo",
            "priority": "low", "labels": ["bug"], "assignees": [], "start_date": .null, "due_date": .null,
            "parent_id": .null, "created_at": .date(Date()), "updated_at": .date(Date()), "deleted_at": .null,
        ]
        for (key, value) in fields { document[key] = value }
        for key in removing { document[key] = nil }
        return document
    }

    static func single(
        _ number: Int, _ kind: String, _ fields: BSONDocument, removing: [String] = [], _ outcome: Outcome,
        heavy: Bool = false
    ) -> BadBoardInput {
        let id = objectId(number)
        return BadBoardInput(
            kind: kind, id: id.hex, documents: [document(.objectId(id), fields, removing: removing)], outcome: outcome,
            heavy: heavy)
    }

    static let family = "👩‍👩‍👧‍👦"  // 7 code points, 1 Character

    static let all: [BadBoardInput] = {
        var cases: [BadBoardInput] = [
            single(1, "missing title", [:], removing: ["title"], .problem(["no title"])),
            single(2, "empty title", ["title": ""], .problem(["empty title"])),
            single(3, "title of spaces only", ["title": "   "], .problem(["empty title"])),
            single(4, "non-string title", ["title": 42], .problem(["`title`", "string"])),
            single(
                5, "10,000-character title", ["title": .string(String(repeating: "x", count: 10_000))],
                .problem(["10000", "255"])),
            single(
                6, "256 code points in 40 characters (emoji)",
                ["title": .string(String(repeating: family, count: 36) + "abcd")], .problem(["256", "255"])),
            single(7, "NUL in the title", ["title": "before\u{0}after"], .problem(["NUL", "title"])),
            single(
                8, "10 MB description",
                ["description": .string(String(repeating: "All work and no play. ", count: 480_000))],
                .problem(["`description`", "too large"]), heavy: true),
            single(
                9, "raw <script> and javascript: links in Markdown",
                [
                    "description": """
                    Hello <script>alert('x')</script> [click](javascript:alert(1)) \
                    <a href="javascript:alert(2)" onclick="steal()">raw</a> <img src=x onerror=alert(3)>
                    """
                ],
                .synced("no script, no javascript:, no on* handler in description_html") { item in
                    let html = item["description_html"]?.stringValue ?? "<script"
                    return !html.contains("<script") && !html.contains("javascript:") && !html.contains("onclick")
                        && !html.contains("onerror") && html.contains("Hello")
                }),
            single(
                10, "impossible date (November 31) as text", ["start_date": "2026-11-31"],
                .problem(["`start_date`", "date"])),
            single(
                11, "due_date of the wrong type (a number)", ["due_date": 20_261_125], .problem(["`due_date`", "date"])),
            single(
                12, "start_date after due_date",
                [
                    "start_date": .date(Date(timeIntervalSince1970: 1_800_000_000)),
                    "due_date": .date(Date(timeIntervalSince1970: 1_790_000_000)),
                ], .problem(["after its due date"])),
            single(13, "updated_at as a string", ["updated_at": "2026-11-25T10:00:00Z"], .problem(["`updated_at`"])),
            single(
                14, "unknown status", ["status": "blocked_on_vendor"],
                .problem(["blocked_on_vendor", "mapping.status"])),
            single(
                15, "unknown priority", ["priority": "p0-critical"],
                .synced("sent as priority none") { $0["priority"]?.stringValue == "none" }),
            single(16, "labels not a list", ["labels": "bug"], .problem(["`labels`", "array"])),
            single(17, "assignees not a list", ["assignees": 7], .problem(["`assignees`", "array"])),
            single(18, "missing project_id", [:], removing: ["project_id"], .problem(["project_id"])),
            single(19, "own parent", ["parent_id": .objectId(objectId(19))], .problem(["its own parent"])),
        ]
        let (a, b) = (objectId(20), objectId(21))
        cases.append(
            BadBoardInput(
                kind: "cyclic parents", id: a.hex,
                documents: [
                    document(.objectId(a), ["parent_id": .objectId(b)]),
                    document(.objectId(b), ["parent_id": .objectId(a)]),
                ], outcome: .problem(["parent cycle"])))
        let (child, parent) = (objectId(22), objectId(23))
        cases.append(
            BadBoardInput(
                kind: "parent in another project", id: child.hex,
                documents: [
                    document(.objectId(child), ["parent_id": .objectId(parent)]),
                    document(.objectId(parent), ["project_id": "ops"]),
                ], outcome: .problem(["Parent is not valid"])))
        let twin = objectId(24)
        cases.append(
            BadBoardInput(
                kind: "string _id equal to another item's ObjectId hex", id: twin.hex,
                documents: [document(.objectId(twin)), document(.string(twin.hex), ["title": "The string twin"])],
                outcome: .problem(["same external id"])))
        cases.append(
            BadBoardInput(
                kind: "_id neither ObjectId nor string", id: "25",
                documents: [document(.int32(25))], outcome: .problem(["`_id` is neither"])))
        return cases
    }()
}
