import Essentials
import Foundation
import SyncCache

/// `check`'s cache line: the cache opened as a run opens it (a file it cannot use is moved aside and
/// rebuilt, as the next run would), and what it holds and saves. A cache that cannot be kept is a warning,
/// like the runs' own: they go on without it and only read more of Plane's budget.
enum CacheCheck {
    static func result(path: String, ttl: Duration, now: Date) async -> CheckResult {
        let opening = SyncCache.open(path: path)
        guard let cache = opening.cache else {
            return CheckResult(
                .warning, "cache", opening.warning ?? "\(path) cannot be opened",
                remedy: "point --cache / BOARDSYNC_CACHE_PATH at a writable file on a local disk (a volume, or /tmp)")
        }
        let held: String
        do {
            held = describe(try await cache.contents(), ttl: ttl, now: now)
        } catch {
            return CheckResult(
                .warning, "cache", "\(path) opened but cannot be read: \(error); runs go on without it",
                remedy: "delete the file (only reads are lost) or point --cache / BOARDSYNC_CACHE_PATH elsewhere")
        }
        if let warning = opening.warning {
            return CheckResult(.warning, "cache", "\(warning). Now: \(held)")
        }
        return CheckResult(.pass, "cache", "\(path): \(held)")
    }

    /// What the file holds, how old, and what it saves a run.
    static func describe(_ contents: CacheContents, ttl: Duration, now: Date) -> String {
        let size = ByteCountFormatter.string(fromByteCount: contents.bytes, countStyle: .file)
        var parts = [
            "\(size) (holds Plane's metadata, the last checkpoint's listing positions, item snapshots, run history)"
        ]
        if let newest = contents.newestMetadata, let oldest = contents.oldestMetadata {
            parts.append(
                "Plane's metadata in \(contents.metadataEntries) part(s), read \(age(now, newest))–\(age(now, oldest)) "
                    + "ago (used for \(Int(ttl.inSeconds)) s, then read again: 2 requests and 4 per Plane project)")
        } else {
            parts.append("no Plane metadata yet (the next run reads it: 2 requests and 4 per Plane project)")
        }
        parts.append(
            "\(contents.snapshots) Plane item snapshot(s)"
                + (contents.newestSnapshot.map { ", newest \(age(now, $0)) ago" } ?? ""))
        parts.append(
            "\(contents.runs) run(s) of history" + (contents.lastRun.map { ", last \(age(now, $0)) ago" } ?? ""))
        return parts.joined(separator: "; ")
    }

    private static func age(_ now: Date, _ then: Date) -> String {
        ExplainText.age(seconds: max(0, Int(now.timeIntervalSince(then))))
    }
}
