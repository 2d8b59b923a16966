import BoardSync
import Essentials
import Foundation
import Logging
import Synchronization

/// Shows a long run's progress: a bar with the ETA on standard error when standard output is a terminal,
/// a log line (`--log-format`) every `logInterval` otherwise. A run whose plan, when it starts applying, has
/// fewer than `minimumRequests` Plane requests ahead and under `minimumSeconds` of them at the rate budget
/// shows nothing: it is over before a bar helps (a no-op sync of a large board is thousands of skips).
final class ProgressReporter: Sendable {
    private struct State {
        var started: ContinuousClock.Instant?
        var lastShown: ContinuousClock.Instant?
        var shown: Bool?
    }

    let terminal: Bool
    let minimumRequests: Int
    let minimumSeconds: Double
    let logInterval: Duration
    let logger: Logger
    private let state = Mutex(State())

    init(
        terminal: Bool = isatty(STDOUT_FILENO) == 1, minimumRequests: Int = 50, minimumSeconds: Double = 10,
        logInterval: Duration = .seconds(10),
        logger: Logger
    ) {
        self.terminal = terminal
        self.minimumRequests = minimumRequests
        self.minimumSeconds = minimumSeconds
        self.logInterval = logInterval
        self.logger = logger
    }

    func report(_ progress: SyncProgress) {
        let now = ContinuousClock.now
        let finished = progress.applied >= progress.total
        let (elapsed, show): (Duration, Bool) = state.withLock { state in
            let long =
                state.shown
                ?? ProgressText.worthShowing(
                    progress, minimumRequests: minimumRequests, minimumSeconds: minimumSeconds)
            state.shown = long
            guard long else { return (.zero, false) }
            let started = state.started ?? now
            state.started = started
            let interval = terminal ? .milliseconds(100) : logInterval
            let due = state.lastShown.map { now - $0 >= interval } ?? true
            let show = due || (terminal && finished)
            if show { state.lastShown = now }
            return (now - started, show)
        }
        guard show else { return }
        let seconds = elapsed.inSeconds
        if terminal {
            let line = "\r\u{1B}[K" + ProgressText.bar(progress, elapsed: seconds) + (finished ? "\n" : "")
            BoardSyncLogHandler.writeToStandardError(line)
        } else {
            logger.info(
                "\(ProgressText.logLine(progress, elapsed: seconds))",
                metadata: [
                    "integration": "\(progress.integration)", "applied": "\(progress.applied)",
                    "total": "\(progress.total)",
                ])
        }
    }
}
