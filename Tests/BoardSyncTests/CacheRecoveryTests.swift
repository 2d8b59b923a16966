import Foundation
import GRDB
import InMemoryLogging
import Logging
import MongoDriver
import PlaneSimulator
import SyncCache
import Testing

@testable import BoardSync

/// A cache file that went bad between two runs, opened as every command opens it (``LocalCache/open``):
/// the run after it writes exactly what it would have written with a good cache (one PATCH for one board
/// edit, no duplicate), and the operator reads at most one warning that says what happened.
@Suite struct CacheRecoveryTests {
    enum Damage: String, CaseIterable, Sendable {
        case deleted, garbage, truncated, newerSchema, foreign, directory, readOnly

        /// A deleted cache is a cold one: nothing to warn about.
        var warnings: Int { self == .deleted ? 0 : 1 }
        /// The cases where the run goes on without any cache.
        var runsWithout: Bool { self == .directory || self == .readOnly }

        func apply(_ path: String) throws {
            let files = FileManager.default
            switch self {
            case .deleted:
                for suffix in ["", "-wal", "-shm"] { try? files.removeItem(atPath: path + suffix) }
            case .garbage:
                for suffix in ["-wal", "-shm"] { try? files.removeItem(atPath: path + suffix) }
                try Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }).write(
                    to: URL(fileURLWithPath: path))
            case .truncated:
                for suffix in ["-wal", "-shm"] { try? files.removeItem(atPath: path + suffix) }
                let data = try Data(contentsOf: URL(fileURLWithPath: path))
                try data.prefix(max(100, data.count / 3)).write(to: URL(fileURLWithPath: path))
            case .newerSchema:
                // A migration this build does not know: a newer BoardSync wrote the file.
                let pool = try DatabasePool(path: path)
                try pool.write { db in try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99')") }
                try pool.close()
            case .foreign:
                for suffix in ["", "-wal", "-shm"] { try? files.removeItem(atPath: path + suffix) }
                let other = try DatabaseQueue(path: path)
                try other.write { db in
                    try db.execute(sql: "CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
                }
                try other.close()
            case .directory:
                for suffix in ["", "-wal", "-shm"] { try? files.removeItem(atPath: path + suffix) }
                try files.createDirectory(atPath: path, withIntermediateDirectories: true)
            case .readOnly:
                try files.setAttributes([.posixPermissions: 0o444], ofItemAtPath: path)
            }
        }
    }

    @Test(arguments: Damage.allCases)
    func aDamagedCacheCostsOnlyReadsAndOneWarning(_ damage: Damage) async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            try await SyncCacheEngineTests.withCachePath { path in
                do {
                    let first = try #require(LocalCache.open(path: path, logger: Logger(label: "test")))
                    _ = try await SyncWorld.run(database, SyncWorld.options(), cache: first)
                }
                // The first cache is closed here (its WAL folded into the file): now the file goes bad.
                try damage.apply(path)
                let edited = SyncWorld.hex("19")
                try await SyncWorld.edit(database, edited, ["title": "After the cache went bad"])
                await simulator.clearRequestLog()

                let logs = InMemoryLogHandler()
                let logger = Logger(label: "boardsync", factory: { _ in logs })
                let cache = LocalCache.open(path: path, logger: logger)
                #expect((cache == nil) == damage.runsWithout, "\(damage)")
                let integration = try await IntegrationLoader(database: database).load(id: "plane-acme")
                let report = try await SyncEngine(database: database, cache: cache, logger: logger).run(
                    integration, options: SyncWorld.options())

                let writes = SyncWorld.writes(await simulator.requestLog())
                #expect(writes.count == 1 && writes.first?.method == "PATCH", "\(damage): \(writes)")
                #expect(report.summary.updated == 1 && report.summary.created == 0, "\(damage)")
                #expect(await SyncWorld.duplicateExternalIds(simulator).isEmpty, "\(damage)")
                #expect(
                    try await SyncWorld.planeItem(simulator, externalId: edited)["name"]
                        == .string("After the cache went bad"))
                let warnings = logs.entries.filter { $0.level == .warning }
                #expect(warnings.count == damage.warnings, "\(damage): \(warnings)")
                #expect(warnings.allSatisfy { "\($0.message)".contains(path) }, "the warning names the file")
                if damage == .readOnly {
                    try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
                }
            }
        }
    }
}
