import Foundation

/// The human form of ``StatusReport`` and ``IntegrationStatus``.
public enum StatusText {
    /// Each integration, the refused documents, and the replicas.
    public static func render(_ report: StatusReport, now: Date = Date()) -> String {
        var blocks = report.integrations.map { render($0, replicas: report.replicas, now: now) }
        if !report.refused.isEmpty {
            let lines = report.refused.map { refused in
                refused.message.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n")
            }
            blocks.append(
                "refused documents (not run by sync, resync or the daemon until fixed):\n"
                    + lines.joined(separator: "\n"))
        }
        blocks.append(replicas(report.replicas))
        return blocks.joined(separator: "\n\n")
    }

    static func replicas(_ replicas: [StatusReport.Replica]) -> String {
        guard !replicas.isEmpty else {
            return "daemon replicas: none has announced itself in the last \(ReplicaStore.keptAfterExpiry / 60) min "
                + "(runs come from cron or a person)"
        }
        var lines = [
            "daemon replicas (each integration is served by one; its lease lets cron runs and resyncs take turns):"
        ]
        for replica in replicas {
            let state: String
            if replica.live {
                state = "live, last heartbeat \(time(replica.heartbeatAt))"
            } else if let stopped = replica.stoppedAt {
                state = "stopped \(time(stopped))"
            } else {
                state = "gone: no heartbeat since \(time(replica.heartbeatAt))"
            }
            let serving =
                replica.live
                ? ", serving "
                    + (replica.serving.isEmpty ? "nothing (standby)" : replica.serving.joined(separator: ", ")) : ""
            lines.append("  \(replica.id) \(replica.holder): \(state)\(serving)")
        }
        return lines.joined(separator: "\n")
    }

    public static func render(_ status: IntegrationStatus, replicas: [StatusReport.Replica] = [], now: Date = Date())
        -> String
    {
        var lines = ["\(status.integration)\(status.enabled ? "" : " (disabled)")"]
        for (board, plane) in status.projects.sorted(by: { $0.key < $1.key }) {
            lines.append("  board project \(board) → Plane project \(plane)")
        }
        lines.append("  checkpoint: cursor \(time(status.cursor)), Plane watermark \(status.remoteWatermark ?? "none")")
        let ago = status.lastSuccessAt.map { " (\(Self.ago($0, now: now)) ago)" } ?? ""
        lines.append("  last successful run: \(time(status.lastSuccessAt))\(ago)")
        lines.append("  last full resync: \(time(status.lastFullResyncAt))")
        let states = status.linksByState.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }
        lines.append("  links: \(states.isEmpty ? "none" : states.joined(separator: ", "))")
        lines.append("  pending conflicts: \(status.pendingConflicts) (boardsync conflicts list)")
        lines.append("  lease: \(lease(status.lease, now: now))")
        if status.skewedItems > 0 {
            lines.append(
                "  ! \(status.skewedItems) board item(s) stamped ahead of the database's clock (a writer's clock runs "
                    + "fast; synced all the same): \(status.skewedExamples.joined(separator: ", "))")
        }
        let servers = status.servedBy.map { id in
            "replica \(id)" + (replicas.first { $0.id == id }.map { " (\($0.holder))" } ?? "")
        }
        lines.append(
            "  served by: "
                + (servers.isEmpty
                    ? "no live daemon replica (runs come from cron or a person)" : servers.joined(separator: " and ")))
        if let change = status.configurationChange { lines.append("  configuration: \(change)") }
        lines += webhookLines(status.webhooks, integration: status.integration, now: now)
        if !status.failing.isEmpty {
            lines.append("  failing or blocked items:")
            for item in status.failing {
                lines.append(
                    "    \(item.boardItemId): \(item.attempts) attempts, next \(time(item.nextAttemptAt)): \(item.lastError ?? "")"
                )
            }
        }
        // MongoDB's events are the history every pod shares; this machine's cache stands in when they are gone.
        let (runs, heading) =
            status.lastRuns.isEmpty
            ? (status.localRuns, "last runs on this machine (local cache):") : (status.lastRuns, "last runs:")
        if !runs.isEmpty {
            lines.append("  \(heading)")
            for run in runs {
                let outcome =
                    run.exitCode == 143 ? "stopped" : run.subject.hasSuffix("failed") ? "failed" : "completed"
                let code = run.exitCode.map { ", exit \($0)" } ?? ""
                lines.append(
                    "    \(time(run.time)) \(run.mode ?? "?") \(outcome): \(run.created ?? 0) created, \(run.updated ?? 0) "
                        + "updated, \(run.deleted ?? 0) deleted, \(run.conflicts ?? 0) conflicts, \(run.failed ?? 0) failed, "
                        + "\(String(format: "%.1f", run.durationSeconds ?? 0)) s\(code)"
                        + (run.reason.map { " (\($0))" } ?? ""))
            }
        }
        return lines.joined(separator: "\n")
    }

    static func lease(_ lease: LeaseRecord?, now: Date) -> String {
        guard let lease else { return "free (never taken)" }
        let token = "token \(lease.token.prefix(8))…"
        if lease.isHeld(at: now) {
            return "held by \(lease.holder) since \(time(lease.acquiredAt)), until \(time(lease.expiresAt)) unless "
                + "renewed (\(token))"
        }
        if let released = lease.releasedAt {
            return "free (last held by \(lease.holder), released \(time(released)))"
        }
        return "free (last held by \(lease.holder), expired \(time(lease.expiresAt)) without release)"
    }

    static func time(_ date: Date?) -> String {
        guard let date else { return "never" }
        return date.formatted(.iso8601)
    }

    static func ago(_ date: Date, now: Date) -> String {
        let seconds = Int(now.timeIntervalSince(date))
        if seconds < 120 { return "\(seconds) s" }
        if seconds < 7200 { return "\(seconds / 60) min" }
        return "\(seconds / 3600) h"
    }
}
