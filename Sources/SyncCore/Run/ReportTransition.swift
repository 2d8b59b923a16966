/// The kinds of report an item can have in `approvals` (the README's "Conflicts and events" table);
/// raw values as stored in `conflict_kind`.
public enum ReportKind: String, Sendable, Hashable, CaseIterable, Comparable {
    case bothChanged = "both_changed"
    case handEdit = "hand_edit"
    case planeDeleted = "plane_deleted"
    case archived
    case orphan
    case duplicates
    case failing
    case unmappableValue = "unmappable_value"
    case cannotMirror = "cannot_mirror"

    public init(_ kind: Conflict.Kind) {
        switch kind {
        case .handEdit: self = .handEdit
        case .bothChanged: self = .bothChanged
        case .archived: self = .archived
        case .duplicates: self = .duplicates
        }
    }

    /// The report an item problem opens: a board value with no Plane counterpart, or an item at fault.
    public init(_ problem: ItemProblem) {
        switch problem {
        case .unknownStatus, .mappedStateMissing: self = .unmappableValue
        default: self = .cannotMirror
        }
    }

    public static func < (lhs: ReportKind, rhs: ReportKind) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// What one applied action means for its item's reports: the situations it shows (opened, or refreshed
/// when already pending), the pending ones that went away by themselves (superseded), and whether an
/// item held in `conflict` is released.
public struct ReportTransition: Sendable, Hashable {
    public var open: [ReportKind]
    public var supersede: Set<ReportKind>
    /// The item was held (link `conflict`) and its conflict went away: its link is synced again.
    public var releasesHold: Bool

    public init(open: [ReportKind], supersede: Set<ReportKind>, releasesHold: Bool = false) {
        self.open = open
        self.supersede = supersede
        self.releasesHold = releasesHold
    }
}

extension PayloadNote {
    /// A board value Plane does not take (an assignee it drops, a priority it lacks): reported, still synced.
    public var isUnmappableValue: Bool {
        switch self {
        case .unknownAssignee, .guestAssignee, .inactiveAssignee, .unmappedPriority: true
        case .labelToCreate, .recreatedAfterHandDelete: false
        }
    }
}

/// The supersede table (README, "Conflicts and events"): an action opens or refreshes the reports of the
/// situation it shows and supersedes the item's other pending reports; some actions leave them alone.
public enum ReportTransitions {
    /// - Parameters:
    ///   - wasHeld: the item's link was `conflict` when the run read it.
    ///   - pending: the kinds of the item's pending reports.
    /// - Returns: nil when the action says nothing about the item's reports.
    public static func after(_ planned: PlannedAction, wasHeld: Bool, pending: Set<ReportKind>) -> ReportTransition? {
        guard planned.boardItemId != nil else { return nil }
        let unmappable: [ReportKind] = planned.notes.contains(where: \.isUnmappableValue) ? [.unmappableValue] : []
        let open: [ReportKind]
        var releasesHold = false
        switch planned.action {
        case .createLabel:
            return nil
        case .conflict(let conflict):
            open = [ReportKind(conflict.kind)]
        case .update(_, let overwritten):
            open = (overwritten.isEmpty ? [] : [.handEdit]) + unmappable
        case .recreate:
            open = [.planeDeleted] + unmappable
        case .create, .settleCreating, .adopt, .relink:
            open = unmappable
        case .delete(let reason):
            // A duplicate's or a moved item's delete is followed by the action that settles the item.
            switch reason {
            case .duplicate, .movedToAnotherProject: return nil
            case .boardItemDeleted, .leftScope, .orphan: open = []
            }
        case .unlink:
            open = []
        case .skip(let reason):
            switch reason {
            case .itemProblem(let problem):
                open = [ReportKind(problem)]
            case .orphanKept where planned.planeItemId != nil:
                open = [.orphan]
            case .unchanged, .noEffectiveChange:
                // Nothing to write: only a held item learns something (its conflict went away by itself).
                guard wasHeld else { return nil }
                open = unmappable
                releasesHold = true
            default:
                return nil
            }
        }
        return ReportTransition(open: open, supersede: pending.subtracting(open), releasesHold: releasesHold)
    }

    /// After an item's write failed: `failing` opens once it failed often enough in a row; nothing is superseded.
    public static func afterFailure(attempts: Int) -> ReportTransition {
        ReportTransition(open: Backoff.reportsFailing(attempts: attempts) ? [.failing] : [], supersede: [])
    }
}
