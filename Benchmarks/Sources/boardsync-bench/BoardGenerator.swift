import Foundation
import MongoDriver

/// Board items of a fixed, stated shape: a 60-character title, about 1 KB of Markdown, 3 labels,
/// 2 assignees, start and due dates, and one item in ten with a parent. Deterministic. Even items belong
/// to board project `nexus`, odd ones to `ops` (the fixtures map both to a Plane project).
enum BoardGenerator {
    static let labels = ["bug", "feature", "docs", "infra", "security"]
    static let people = ["alice@acme.example", "bob@acme.example", "carol@acme.example"]
    static let statuses = ["backlog", "todo", "in_progress", "done"]
    static let priorities = ["urgent", "high", "medium", "low", "none"]
    static let paragraph =
        "The sync worker keeps the board and Plane in step; this paragraph pads the description to about "
        + "one kilobyte so that rendering, hashing and transfer costs are realistic for a busy board. "

    static func id(_ index: Int) -> BSONObjectId {
        BSONObjectId(hex: idHex(index))!
    }

    static func idHex(_ index: Int) -> String { String(format: "77%022x", index) }

    static func title(_ index: Int) -> String {
        String("Generated board item \(index): keep the mirror honest and quick".prefix(60))
            .padding(toLength: 60, withPad: ".", startingAt: 0)
    }

    static func markdown(_ index: Int) -> String {
        "## Item \(index)\n\n" + String(repeating: paragraph, count: 4)
            + "\n\n- first point\n- second point\n\n`code \(index)`"
    }

    static func project(_ index: Int) -> String { index % 2 == 0 ? "nexus" : "ops" }

    /// One in ten has a parent: an earlier item of the same project (same parity).
    static func parent(_ index: Int) -> Int? { index % 10 == 9 ? index - 8 : nil }

    static func startDate(_ index: Int, now: Date) -> Date { now.addingTimeInterval(Double(index % 30) * 86_400) }
    static func dueDate(_ index: Int, now: Date) -> Date { now.addingTimeInterval(Double(index % 30 + 10) * 86_400) }

    static func document(_ index: Int, now: Date) -> BSONDocument {
        var document: BSONDocument = [
            "_id": .objectId(id(index)), "project_id": .string(project(index)), "title": .string(title(index)),
            "description": .string(markdown(index)),
            "status": .string(statuses[index % 4]), "priority": .string(priorities[index % 5]),
            "labels": .array((0..<3).map { .string(labels[(index + $0) % labels.count]) }),
            "assignees": .array((0..<2).map { .string(people[(index + $0) % people.count]) }),
            "start_date": .date(startDate(index, now: now)), "due_date": .date(dueDate(index, now: now)),
            "created_at": .date(now), "updated_at": .date(now), "deleted_at": nil,
        ]
        if let parent = parent(index) { document["parent_id"] = .objectId(id(parent)) }
        return document
    }

    /// Inserts `count` items, 1,000 per `insertMany`.
    static func insert(count: Int, into collection: MongoCollection, now: Date) async throws {
        for start in stride(from: 0, to: count, by: 1000) {
            _ = try await collection.insertMany((start..<min(start + 1000, count)).map { document($0, now: now) })
        }
    }
}
