import MongoDriver

/// What `check` reads from `board_items`: documents the cursor cannot follow, and per board project the
/// statuses and assignee emails in use (deleted items left out).
struct BoardCheck: Sendable {
    struct Usage: Sendable, Equatable {
        /// Status → number of live items with it.
        var statuses: [String: Int] = [:]
        /// Assignee email (lowercased) → number of live items with it.
        var assignees: [String: Int] = [:]
    }

    let collection: MongoCollection
    let database: MongoDatabase

    init(database: MongoDatabase) {
        self.database = database
        collection = database.collection(CollectionNames.boardItems)
    }

    /// Items whose `updated_at` is missing or not a BSON date: incremental sync can never pick them up.
    func updatedAtTypes() async throws -> CheckResult {
        let filter: BSONDocument = ["updated_at": ["$not": ["$type": "date"]]]
        let count = try await collection.countDocuments(filter)
        guard count > 0 else {
            return CheckResult(.pass, "board_items updated_at", "every item's updated_at is a date")
        }
        var examples: [String] = []
        for try await document in collection.find(filter, options: MongoFindOptions(projection: ["_id": 1], limit: 3)) {
            if let id = document["_id"] { examples.append(BSONDecoder.describeId(id)) }
        }
        return CheckResult(
            .warning, "board_items updated_at",
            "\(count) item(s) have an updated_at that is missing or not a date (e.g. \(examples.joined(separator: ", "))); "
                + "incremental sync cannot follow them",
            remedy: "have the platform write updated_at as a BSON date; `boardsync resync` still mirrors them")
    }

    /// Items stamped ahead of the database's clock (a board writer's clock runs fast): synced all the same,
    /// and the cursor never follows them into the future, but the clock wants fixing.
    func clockSkew() async throws -> CheckResult {
        guard let skewed = try await SkewedBoardItems.read(database), skewed.count > 0 else {
            return CheckResult(.pass, "board_items clock", "no updated_at is ahead of the database's clock")
        }
        return CheckResult(
            .warning, "board_items clock", skewed.text,
            remedy: "fix the clock of the machine that writes them (NTP); nothing to do in BoardSync")
    }

    /// Statuses and assignees of the live items of one board project.
    func usage(project: String) async throws -> Usage {
        var usage = Usage()
        let filter: BSONDocument = ["project_id": .string(project), "deleted_at": .null]
        let options = MongoFindOptions(projection: ["status": 1, "assignees": 1], batchSize: 1000)
        for try await document in collection.find(filter, options: options) {
            if let status = document["status"]?.stringValue { usage.statuses[status, default: 0] += 1 }
            for assignee in document["assignees"]?.arrayValue ?? [] {
                if let email = assignee.stringValue { usage.assignees[email.lowercased(), default: 0] += 1 }
            }
        }
        return usage
    }
}
