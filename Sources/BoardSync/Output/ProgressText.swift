import Foundation

/// How a run's progress reads: a bar with the ETA for a terminal, a sentence for a log. Pure, so the
/// formatting and the ETA are unit-tested.
public enum ProgressText {
    /// Seconds left: the larger of the rate budget's estimate for the requests still to send and the pace
    /// of the actions so far (network time counts when the budget is generous).
    public static func etaSeconds(_ progress: SyncProgress, elapsed: Double) -> Double {
        let budget = Double(progress.remainingRequests) * progress.secondsPerRequest
        guard progress.applied > 0, elapsed > 0 else { return budget }
        let pace = elapsed / Double(progress.applied) * Double(max(0, progress.total - progress.applied))
        return max(budget, pace)
    }

    /// Whether a run is long enough for progress, judged at its first report: at least `minimumRequests`
    /// Plane requests ahead, or at least `minimumSeconds` of them at the rate budget. A no-op sync of a large
    /// board (thousands of skips, no request) shows nothing.
    public static func worthShowing(_ first: SyncProgress, minimumRequests: Int = 50, minimumSeconds: Double = 10)
        -> Bool
    {
        first.remainingRequests >= minimumRequests
            || Double(first.remainingRequests) * first.secondsPerRequest >= minimumSeconds
    }

    /// `plane-acme [████████░░░░░░░░░░░░░░░░░░░░░░]  1234/9812  12%  ETA 2 h 03 min`
    public static func bar(_ progress: SyncProgress, elapsed: Double, width: Int = 30) -> String {
        let fraction = progress.total > 0 ? min(1, Double(progress.applied) / Double(progress.total)) : 1
        let filled = Int((fraction * Double(width)).rounded(.down))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let digits = String(progress.total).count
        let done =
            String(repeating: " ", count: max(0, digits - String(progress.applied).count)) + "\(progress.applied)"
        let percent = Int((fraction * 100).rounded(.down))
        let eta =
            progress.applied >= progress.total
            ? "done in \(duration(elapsed))" : "ETA \(duration(etaSeconds(progress, elapsed: elapsed)))"
        return "\(progress.integration) [\(bar)] \(done)/\(progress.total) \(percent)%  \(eta)"
    }

    /// `plane-acme: 1234 of 9812 actions applied (12%), about 2 h 03 min left`
    public static func logLine(_ progress: SyncProgress, elapsed: Double) -> String {
        let percent = progress.total > 0 ? progress.applied * 100 / progress.total : 100
        return "\(progress.integration): \(progress.applied) of \(progress.total) actions applied (\(percent)%), "
            + "about \(duration(etaSeconds(progress, elapsed: elapsed))) left"
    }

    /// `42 s`, `3 min 05 s`, `2 h 03 min`.
    public static func duration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded(.up))
        if total < 60 { return "\(max(0, total)) s" }
        if total < 3600 { return "\(total / 60) min \(twoDigits(total % 60)) s" }
        let minutes = (total + 59) / 60
        return "\(minutes / 60) h \(twoDigits(minutes % 60)) min"
    }

    private static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}
