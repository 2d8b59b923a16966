import Foundation
import MongoDriver

/// Board items of a fixed, stated shape: a 60-character title, about 1 KB of Markdown, 3 labels,
/// 2 assignees, start and due dates, and one item in ten with a parent. Deterministic.
enum BoardGenerator {
    static let labels = ["bug", "feature", "docs", "infra", "security"]
    static let people = ["alice@acme.example", "bob@acme.example", "carol@acme.example"]
    static let paragraph =
        "The sync worker keeps the board and Plane in step; this paragraph pads the description to about "
        + "one kilobyte so that rendering, hashing and transfer costs are realistic for a busy board. "

    static func id(_ index: Int) -> BSONObjectId {
        BSONObjectId(hex: String(format: "77%022x", index))!
    }

    static func items(count: Int, now: Date) -> [BSONDocument] {
        (0..<count).map { index in
            let title = String("Generated board item \(index): keep the mirror honest and quick".prefix(60))
                .padding(toLength: 60, withPad: ".", startingAt: 0)
            let markdown =
                "## Item \(index)\n\n" + String(repeating: paragraph, count: 4)
                + "\n\n- first point\n- second point\n\n`code \(index)`"
            let project = index % 2 == 0 ? "nexus" : "ops"
            var document: BSONDocument = [
                "_id": .objectId(id(index)), "project_id": .string(project), "title": .string(title),
                "description": .string(markdown),
                "status": .string(["backlog", "todo", "in_progress", "done"][index % 4]),
                "priority": .string(["urgent", "high", "medium", "low", "none"][index % 5]),
                "labels": .array((0..<3).map { .string(labels[(index + $0) % labels.count]) }),
                "assignees": .array((0..<2).map { .string(people[(index + $0) % people.count]) }),
                "start_date": .date(now.addingTimeInterval(Double(index % 30) * 86_400)),
                "due_date": .date(now.addingTimeInterval(Double(index % 30 + 10) * 86_400)),
                "created_at": .date(now), "updated_at": .date(now), "deleted_at": nil,
            ]
            // One in ten has a parent: an earlier item of the same project (same parity).
            if index % 10 == 9 { document["parent_id"] = .objectId(id(index - 8)) }
            return document
        }
    }
}
