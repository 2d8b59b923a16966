import Foundation

/// The human form of a run summary, for the terminal and the logs.
public enum SummaryText {
    public static func render(_ summary: RunSummary) -> String {
        var lines: [String] = []
        let verb = summary.dryRun ? "would be" : ""
        let counts = [
            ("created", summary.created), ("updated", summary.updated), ("unchanged", summary.unchanged),
            ("deleted", summary.deleted), ("recreated", summary.recreated), ("adopted", summary.adopted),
            ("conflicts", summary.conflicts), ("failed", summary.failed), ("skipped", summary.skipped),
            ("unlinked", summary.unlinked), ("labels created", summary.labelsCreated),
        ]
        let shown = counts.filter { $0.1 > 0 || ["created", "updated", "unchanged", "failed"].contains($0.0) }
        let title = "\(summary.integration) \(summary.mode)\(summary.dryRun ? " (dry run, nothing written)" : "")"
        lines.append("\(title): " + shown.map { "\($0.1) \($0.0)" }.joined(separator: ", ") + (verb.isEmpty ? "" : ""))
        lines.append(
            "Plane API: \(summary.api.reads) reads (\(summary.api.metadataReads) of metadata), \(summary.api.writes) writes, "
                + "\(summary.api.throttled) throttled; \(seconds(summary.rateWaitSeconds)) waiting on the rate budget; "
                + "took \(seconds(summary.durationSeconds))")
        if let stopped = summary.stoppedBecause {
            lines.append("! \(stopped)")
        }
        for warning in summary.warnings { lines.append("! \(warning)") }
        if !summary.problems.isEmpty {
            lines.append("Items that need attention (boardsync explain ITEM tells more):")
            for problem in summary.problems.prefix(50) { lines.append("  - \(problem)") }
            if summary.problems.count > 50 { lines.append("  ... and \(summary.problems.count - 50) more") }
        }
        return lines.joined(separator: "\n")
    }

    static func seconds(_ value: Double) -> String {
        value < 10 ? String(format: "%.1f s", value) : "\(Int(value.rounded())) s"
    }
}
