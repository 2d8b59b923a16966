import Foundation
import Synchronization

/// Named moments of the engine where the crash trials kill the process (SIGKILL), chosen by the
/// environment variable `BOARDSYNC_CRASH_AT=<point>[:<nth hit>]`; with `BOARDSYNC_CRASH_SIGNAL=TERM` the
/// process is sent SIGTERM there instead and goes on to stop at its next safe point. Honoured only in
/// debug builds.
enum CrashPoint: String, CaseIterable, Sendable {
    case afterLinkCreating = "after-link-creating"
    /// The POST is on its way: the kill lands `BOARDSYNC_CRASH_DELAY_MS` (default 150) later, while
    /// Plane holds the request (the trials make Plane answer late), before the answer is read.
    case afterPostSent = "after-post-sent"
    case afterPlaneAnswered = "after-plane-answered"
    case beforeLinkConfirmed = "before-link-confirmed"
    case afterPatch = "after-patch"
    case beforeCheckpoint = "before-checkpoint"
    /// Inside a page of Plane's work-item listing, one hit per item.
    case midPlaneListing = "mid-plane-listing"
    /// Inside the board read, one hit per document.
    case midBoardRead = "mid-board-read"

    static func hit(_ point: CrashPoint) {
        #if DEBUG
        let environment = ProcessInfo.processInfo.environment
        guard let setting = environment["BOARDSYNC_CRASH_AT"] else { return }
        let parts = setting.split(separator: ":")
        guard parts.first.map(String.init) == point.rawValue else { return }
        let wanted = parts.count > 1 ? Int(parts[1]) ?? 1 : 1
        let count = counter.withLock { counts in
            counts[point, default: 0] += 1
            return counts[point]!
        }
        guard count == wanted else { return }
        let signal = environment["BOARDSYNC_CRASH_SIGNAL"] == "TERM" ? SIGTERM : SIGKILL
        guard point == .afterPostSent else {
            kill(getpid(), signal)
            return
        }
        let delay = environment["BOARDSYNC_CRASH_DELAY_MS"].flatMap { Int($0) } ?? 150
        Thread.detachNewThread {
            Thread.sleep(forTimeInterval: Double(delay) / 1000)
            kill(getpid(), signal)
        }
        #endif
    }

    #if DEBUG
    private static let counter = Mutex<[CrashPoint: Int]>([:])
    #endif
}

/// Debug-only ways to break the engine on purpose, so the crash trials can show they catch it:
/// `BOARDSYNC_BREAK=skip-lookup-before-post` re-sends a POST whose answer was lost instead of looking
/// the item up by its external id first. Release builds ignore it.
enum DeliberateBreak {
    static var skipsLookupBeforePost: Bool {
        #if DEBUG
        return ProcessInfo.processInfo.environment["BOARDSYNC_BREAK"] == "skip-lookup-before-post"
        #else
        return false
        #endif
    }
}
