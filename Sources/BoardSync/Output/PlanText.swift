import Essentials
import Foundation
import PlaneAPI
import SyncCore

/// The human form of a plan, printed by `resync` before it applies anything.
public enum PlanText {
    /// Updates of more than this share of the mirrored items get a loud line: a mapping or renderer change.
    static let massRewriteShare = 0.5

    public static func render(_ plan: SyncPlan, integration: Integration, linkedItems: Int) -> String {
        let summary = plan.summary
        let perMinute = Int(
            (Double(integration.rateLimit.requests) * 60 / integration.rateLimit.period.inSeconds).rounded())
        var lines = ["Plan for \(integration.id): \(summary)"]
        lines.append(
            "At the rate budget (\(integration.rateLimit)) that takes \(summary.durationText(requestsPerMinute: perMinute))."
        )
        let updates = summary.count(.update)
        if linkedItems >= 20, Double(updates) > Double(linkedItems) * massRewriteShare {
            lines.append(
                "!!! \(updates) of \(linkedItems) mirrored items would be rewritten: the mapping or the renderer changed? "
                    + "\(summary.durationText(requestsPerMinute: perMinute)) of writes. Check before you apply.")
        }
        if let blocked = plan.blocked { lines.append("!!! blocked: \(blocked)") }
        if let adoption = plan.titleAdoption {
            lines.append(adoption.summary)
            lines += adoption.lines.map { "  adopt-by-title  \($0)" }
        }
        for action in plan.actions where action.kind != .skip || isWorthShowing(action) {
            lines.append(
                "  \(action.kind.rawValue.padding(toLength: 14, withPad: " ", startingAt: 0)) \(action.message)")
            if case .update(let changes, _) = action.action {
                for change in changes {
                    lines.append("      \(change.field.rawValue): \(short(change.old)) → \(short(change.new))")
                }
            }
        }
        return lines.joined(separator: "\n")
    }

    private static func isWorthShowing(_ action: PlannedAction) -> Bool {
        guard case .skip(let reason) = action.action else { return true }
        switch reason {
        case .unchanged, .noEffectiveChange, .neverMirrored: return false
        default: return true
        }
    }

    static func short(_ value: FieldValue) -> String {
        let text = value.description.replacingOccurrences(of: "\n", with: " ")
        return text.unicodeScalars.count > 70 ? String(text.prefix(67)) + "…" : text
    }
}
