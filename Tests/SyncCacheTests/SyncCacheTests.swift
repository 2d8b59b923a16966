import Foundation
import Testing

@testable import SyncCache

@Suite struct SyncCacheTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cache-\(UUID().uuidString)")
    var path: String { directory.appendingPathComponent("boardsync.sqlite").path }
    let now = Date(timeIntervalSince1970: 1_764_000_000)

    @Test func checkpointAndListingPositionsRoundTripPerScope() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let cache = try SyncCache(path: path)
        #expect(try await cache.checkpoint(scope: "a") == nil)
        let first = CachedCheckpoint(
            scope: "a", integrationId: "plane-acme", cursor: now, watermark: "2026-11-26T00:14:38.123456+05:30",
            listingPositions: ["p1": "2026-11-26T00:14:38.123456+05:30", "p2": "2026-11-26T00:20:00.000001Z"],
            savedAt: now)
        try await cache.saveCheckpoint(first)
        #expect(try await cache.checkpoint(scope: "a") == first)
        var second = first
        second.cursor = now.addingTimeInterval(60)
        second.watermark = nil
        second.listingPositions = ["p1": "2026-11-26T00:30:00Z"]
        try await cache.saveCheckpoint(second)
        #expect(try await cache.checkpoint(scope: "a") == second)
        #expect(try await cache.checkpoint(scope: "b") == nil)
        try await cache.removeCheckpoint(scope: "a")
        #expect(try await cache.checkpoint(scope: "a") == nil)
    }

    @Test func metadataIsKeptPerKindWithWhatWasFoundAbsent() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let cache = try SyncCache(path: path)
        let states = CachedMetadata(
            kind: "states", project: "p1", payload: Data("[{\"id\":\"s1\"}]".utf8), absent: ["qa"], fetchedAt: now)
        let me = CachedMetadata(kind: "me", project: "*", payload: Data("u1".utf8), fetchedAt: now)
        try await cache.saveMetadata(scope: "a", [states, me])
        try await cache.saveMetadata(
            scope: "b", [CachedMetadata(kind: "states", project: "p1", payload: Data(), fetchedAt: now)])
        let read = try await cache.metadata(scope: "a", projects: ["p1", "*"])
        #expect(Set(read.map(\.kind)) == ["states", "me"])
        #expect(read.first { $0.kind == "states" } == states)
        var newer = states
        newer.fetchedAt = now.addingTimeInterval(600)
        newer.absent = []
        try await cache.saveMetadata(scope: "a", [newer])
        #expect(try await cache.metadata(scope: "a", projects: ["p1"]) == [newer])
        try await cache.removeMetadata(scope: "a", projects: ["p1"])
        #expect(try await cache.metadata(scope: "a", projects: ["p1", "*"]).map(\.kind) == ["me"])
        #expect(try await cache.metadata(scope: "b", projects: ["p1"]).count == 1)
    }

    @Test func snapshotsKeepTheNewestPerItem() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let cache = try SyncCache(path: path)
        let snapshots = (0..<1200).map { index in
            CachedSnapshot(
                planeItemId: "p-\(index)", boardItemId: "b-\(index)", project: "p1", updatedAt: "2026-11-26T00:00:00Z",
                updatedBy: "u1", remoteFingerprint: "f-\(index)", seenAt: now)
        }
        try await cache.saveSnapshots(scope: "a", snapshots)
        var changed = snapshots[7]
        changed.remoteFingerprint = "f-7-new"
        changed.seenAt = now.addingTimeInterval(60)
        try await cache.saveSnapshots(scope: "a", [changed])
        #expect(try await cache.snapshot(scope: "a", boardItemId: "b-7") == changed)
        #expect(try await cache.snapshot(scope: "b", boardItemId: "b-7") == nil)
        try await cache.removeSnapshots(scope: "a", boardItemIds: ["b-7", "b-8"])
        #expect(try await cache.snapshot(scope: "a", boardItemId: "b-7") == nil)
        #expect(try await cache.contents().snapshots == 1198)
    }

    @Test func runHistoryIsNewestFirstAndBounded() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let cache = try SyncCache(path: path)
        for index in 0..<(SyncCache.keptRuns + 5) {
            try await cache.recordRun(
                RunRecord(
                    integrationId: "plane-acme", mode: index % 10 == 4 ? "resync" : "sync",
                    startedAt: now.addingTimeInterval(Double(index) * 60), duration: .milliseconds(1500 + index),
                    exitCode: index % 10 == 3 ? 3 : 0, summaryJSON: "{\"created\":\(index)}"))
        }
        let runs = try await cache.recentRuns(integrationId: "plane-acme", limit: 3)
        #expect(runs.map(\.mode) == ["resync", "sync", "sync"])
        #expect(runs[1].exitCode == 3)
        #expect(runs[0].duration == .milliseconds(1500 + SyncCache.keptRuns + 4))
        let contents = try await cache.contents()
        #expect(contents.runs == SyncCache.keptRuns)
        #expect(contents.lastRun == now.addingTimeInterval(Double(SyncCache.keptRuns + 4) * 60))
        #expect(contents.bytes > 0)
    }

    @Test func deletingTheFilesIsSafeAndReopeningKeepsWhatItHolds() async throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let checkpoint = CachedCheckpoint(
            scope: "a", integrationId: "plane-acme", cursor: now, watermark: nil, listingPositions: [:], savedAt: now)
        do {
            try await SyncCache(path: path).saveCheckpoint(checkpoint)
        }
        for suffix in ["", "-wal", "-shm"] {
            try? FileManager.default.removeItem(atPath: path + suffix)
        }
        let reopened = try SyncCache(path: path)
        #expect(try await reopened.checkpoint(scope: "a") == nil)
        try await reopened.saveCheckpoint(checkpoint)
        // Reopening an existing file keeps what it holds (migrations run once).
        #expect(try await SyncCache(path: path).checkpoint(scope: "a") == checkpoint)
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
