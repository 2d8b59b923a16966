import Foundation
import Testing

@testable import SyncCache

@Suite struct SyncCacheTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cache-\(UUID().uuidString)")
    var path: String { directory.appendingPathComponent("boardsync.sqlite").path }
    let now = Date(timeIntervalSince1970: 1_764_000_000)

    @Test func checkpointRoundTripsAndUpdatesInPlace() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let cache = try SyncCache(path: path)
        #expect(try await cache.checkpoint(integrationId: "plane-acme") == nil)
        let first = CachedCheckpoint(
            integrationId: "plane-acme", cursor: now, remoteWatermarkMicroseconds: 1_764_000_000_123_456,
            lastSuccessAt: now, savedAt: now)
        try await cache.saveCheckpoint(first)
        #expect(try await cache.checkpoint(integrationId: "plane-acme") == first)
        var second = first
        second.cursor = now.addingTimeInterval(60)
        second.remoteWatermarkMicroseconds = nil
        try await cache.saveCheckpoint(second)
        #expect(try await cache.checkpoint(integrationId: "plane-acme") == second)
        #expect(try await cache.checkpoint(integrationId: "other") == nil)
    }

    @Test func fingerprintsAreReadInBulkAndReplaced() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let cache = try SyncCache(path: path)
        let items = (0..<1200).map { index in
            CachedFingerprint(
                integrationId: "plane-acme", boardItemId: "item-\(index)",
                planeItemId: index % 2 == 0 ? "p-\(index)" : nil,
                inputFingerprint: "in-\(index)", remoteFingerprint: "re-\(index)", updatedAt: now)
        }
        try await cache.saveFingerprints(items)
        let wanted = items.map(\.boardItemId) + ["missing"]
        let found = try await cache.fingerprints(integrationId: "plane-acme", boardItemIds: wanted)
        #expect(found.count == 1200)
        #expect(found["item-7"] == items[7])
        var changed = items[7]
        changed.inputFingerprint = "in-7-new"
        try await cache.saveFingerprints([changed])
        #expect(
            try await cache.fingerprints(integrationId: "plane-acme", boardItemIds: ["item-7"])["item-7"] == changed)
        try await cache.removeFingerprints(integrationId: "plane-acme", boardItemIds: ["item-7", "item-8"])
        #expect(try await cache.allFingerprints(integrationId: "plane-acme").count == 1198)
        #expect(try await cache.fingerprints(integrationId: "elsewhere", boardItemIds: ["item-1"]).isEmpty)
    }

    @Test func metadataExpires() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let cache = try SyncCache(path: path)
        let payload = Data("[{\"id\":\"s1\",\"name\":\"Todo\"}]".utf8)
        try await cache.saveMetadata(
            integrationId: "plane-acme", planeProjectId: "p1", kind: "states", payload: payload, fetchedAt: now)
        let fresh = try await cache.metadata(
            integrationId: "plane-acme", planeProjectId: "p1", kind: "states", maxAge: .seconds(300),
            now: now.addingTimeInterval(299))
        #expect(fresh?.payload == payload)
        let stale = try await cache.metadata(
            integrationId: "plane-acme", planeProjectId: "p1", kind: "states", maxAge: .seconds(300),
            now: now.addingTimeInterval(301))
        #expect(stale == nil)
    }

    @Test func runHistoryIsNewestFirst() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let cache = try SyncCache(path: path)
        for index in 0..<5 {
            try await cache.recordRun(
                RunRecord(
                    integrationId: "plane-acme", mode: index == 4 ? "resync" : "sync",
                    startedAt: now.addingTimeInterval(Double(index) * 60), duration: .milliseconds(1500 + index),
                    exitCode: index == 3 ? 3 : 0, summaryJSON: "{\"created\":\(index)}"))
        }
        let runs = try await cache.recentRuns(integrationId: "plane-acme", limit: 3)
        #expect(runs.map(\.mode) == ["resync", "sync", "sync"])
        #expect(runs[1].exitCode == 3)
        #expect(runs[0].duration == .milliseconds(1504))
    }

    @Test func deletingTheFilesIsSafeAndReopeningStartsEmpty() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        do {
            let cache = try SyncCache(path: path)
            try await cache.saveCheckpoint(
                CachedCheckpoint(
                    integrationId: "plane-acme", cursor: now, remoteWatermarkMicroseconds: nil, lastSuccessAt: nil,
                    savedAt: now))
        }
        for suffix in ["", "-wal", "-shm"] {
            try? FileManager.default.removeItem(atPath: path + suffix)
        }
        let reopened = try SyncCache(path: path)
        #expect(try await reopened.checkpoint(integrationId: "plane-acme") == nil)
        // Reopening an existing file keeps what it holds (migrations run once).
        try await reopened.saveFingerprints([
            CachedFingerprint(
                integrationId: "i", boardItemId: "b", planeItemId: nil, inputFingerprint: "f", remoteFingerprint: nil,
                updatedAt: now)
        ])
        let again = try SyncCache(path: path)
        #expect(try await again.allFingerprints(integrationId: "i").count == 1)
    }

    @Test func anUnwritablePathIsAClearError() throws {
        #expect {
            _ = try SyncCache(path: "/proc/boardsync-cannot-write-here/cache.sqlite")
        } throws: { error in
            guard let error = error as? SyncCacheError else { return false }
            return error.description.contains("/proc/boardsync-cannot-write-here/cache.sqlite")
                && error.description.contains("BOARDSYNC_CACHE_PATH")
        }
    }
}
