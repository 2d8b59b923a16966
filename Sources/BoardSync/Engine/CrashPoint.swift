import Foundation
import Synchronization

/// Named moments of the engine where the crash trials kill the process (SIGKILL), chosen by the
/// environment variable `BOARDSYNC_CRASH_AT=<point>[:<nth hit>]`. Honoured only in debug builds.
enum CrashPoint: String, CaseIterable, Sendable {
    case afterLinkCreating = "after-link-creating"
    case afterPlaneAnswered = "after-plane-answered"
    case beforeLinkConfirmed = "before-link-confirmed"
    case afterPatch = "after-patch"
    case beforeCheckpoint = "before-checkpoint"

    static func hit(_ point: CrashPoint) {
        #if DEBUG
        guard let setting = ProcessInfo.processInfo.environment["BOARDSYNC_CRASH_AT"] else { return }
        let parts = setting.split(separator: ":")
        guard parts.first.map(String.init) == point.rawValue else { return }
        let wanted = parts.count > 1 ? Int(parts[1]) ?? 1 : 1
        let count = counter.withLock { counts in
            counts[point, default: 0] += 1
            return counts[point]!
        }
        if count >= wanted { kill(getpid(), SIGKILL) }
        #endif
    }

    #if DEBUG
    private static let counter = Mutex<[CrashPoint: Int]>([:])
    #endif
}
