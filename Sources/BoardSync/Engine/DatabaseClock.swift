import Foundation
import MongoDriver

/// The database's own clock, read with `hello` (its `localTime`): the one clock every board writer, every
/// worker and the lease agree to judge time by. A worker's clock, or a board writer's, may run ahead.
enum DatabaseClock {
    /// MongoDB's time now, or nil when the server does not say (then the cursor is not clamped this run).
    static func now(_ database: MongoDatabase) async throws -> Date? {
        try await database.runCommand(["hello": 1])["localTime"]?.dateValue
    }
}
