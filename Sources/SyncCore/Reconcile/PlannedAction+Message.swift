/// Human messages: each names the item and, where a person must act, what to do.
extension PlannedAction {
    public var message: String {
        let subject = boardItemId.map { "Board item \($0)" } ?? "Plane project \(planeProjectId ?? "?")"
        let plane = planeItemId.map { "Plane item \($0)" } ?? "a new Plane item"
        switch action {
        case .createLabel(let name):
            return "\(subject): create label \"\(name)\"."
        case .create:
            return "\(subject): create \(plane) in project \(planeProjectId ?? "?")."
        case .settleCreating:
            return
                "\(subject): an earlier create may have reached Plane; look it up by external id, create only if absent."
        case .update(let changes, let overwritten):
            var text = "\(subject): update \(plane) (\(changes.map(\.field.rawValue).joined(separator: ", ")))."
            if !overwritten.isEmpty {
                text +=
                    " Overwrites hand edits in Plane: "
                    + overwritten.map { "\($0.field.rawValue) \($0.new) (was \($0.old))" }.joined(separator: "; ") + "."
            }
            return text
        case .delete(let reason):
            return "\(subject): delete \(plane) (\(reason.text))."
        case .recreate(let previous, _):
            return "\(subject): its Plane item \(previous) was deleted by hand; create it again from the board."
        case .adopt(let changes):
            return "\(subject): \(plane) already carries this item's external id; link it"
                + (changes.isEmpty ? "." : " and update \(changes.map(\.field.rawValue).joined(separator: ", ")).")
        case .relink(let from, let changes):
            return "\(subject): link moves from \(from ?? "none") to \(plane)"
                + (changes.isEmpty ? "." : " and update \(changes.map(\.field.rawValue).joined(separator: ", ")).")
        case .unlink(let reason):
            switch reason {
            case .keptByPolicy: return "\(subject): stop mirroring; \(plane) stays in Plane (policy deletes: keep)."
            case .goneOnBothSides: return "\(subject): gone on the board and in Plane; forget the link."
            }
        case .conflict(let conflict):
            return "\(subject): \(conflict.text(plane: plane))"
        case .skip(let reason):
            return "\(subject): \(reason.text)"
        }
    }
}

extension DeleteReason {
    var text: String {
        switch self {
        case .boardItemDeleted: return "the board item was deleted"
        case .leftScope(let why): return "left the sync scope: \(why)"
        case .movedToAnotherProject(let project): return "moved to the board project mirrored in \(project)"
        case .orphan: return "no board item carries its external id"
        case .duplicate(let kept): return "a duplicate of \(kept), which is kept"
        }
    }
}

extension Conflict {
    func text(plane: String) -> String {
        let fieldNames = fields.map(\.field.rawValue).joined(separator: ", ")
        switch kind {
        case .handEdit:
            return "\(plane) was edited by hand (\(fieldNames)); policy hold: resolve with keep-board or take-plane."
        case .bothChanged:
            return "changed on the board and in \(plane) (\(fieldNames)); resolve with keep-board or take-plane."
        case .archived:
            return "\(plane) is archived, triaged or a draft in Plane; not recreated. Unarchive it or unlink the item."
        case .duplicates:
            return
                "Plane holds \(planeItemIds.count) items with its external id (\(planeItemIds.joined(separator: ", "))); "
                + "delete the extra ones (policy deletes: keep)."
        }
    }
}

extension SkipReason {
    var text: String {
        switch self {
        case .unchanged: return "unchanged."
        case .noEffectiveChange: return "Plane already holds the board's values."
        case .outOfScope(let why): return "out of scope: \(why)."
        case .projectNotMapped(let project): return "board project \"\(project)\" is not mapped; add it to projects."
        case .noPlaneMetadata(let project): return "no states/labels/members read for Plane project \(project)."
        case .waitingForParent(let parent): return "waits for its parent \(parent) to reach Plane."
        case .backoff(let until): return "failed before; next attempt after \(until)."
        case .itemProblem(let problem): return "cannot be mirrored: " + problem.reason
        case .conflictPending: return "has an open conflict; resolve it with boardsync conflicts resolve."
        case .unlinked: return "mirroring was stopped (unlinked)."
        case .orphanKept: return "left in Plane (policy deletes: keep)."
        case .neverMirrored: return "deleted before it was ever mirrored."
        case .deleteBlocked: return "its delete is held by the mass-delete breaker (max_delete_fraction)."
        case .incompleteRead: return "not deleted or recreated: this run's read was incomplete."
        case .waitingForLabels(let names):
            return
                "waits for its label(s) \(names.map { "\"\($0)\"" }.joined(separator: ", ")) to be created in Plane: "
                + "this run created as many labels as policy.max_label_creations_per_run allows; the next run goes on."
        case .deleteSpared(let id):
            return "not deleted: Plane item \(id) is kept by another action of this plan (or deleted by one already)."
        case .planeStateUnknown: return "linked without a base and not read from Plane; run resync --item for it."
        case .ambiguousTitle:
            return "held, not created: adoption by title found its title on several items made by hand or on the"
                + " board. Make the title unique on each side and run boardsync resync --adopt-by-title,"
                + " or stop mirroring it with boardsync unlink."
        }
    }
}

extension ItemProblem {
    /// The message without the item's name.
    var reason: String {
        let full = message(for: .string(""))
        let prefix = "Board item \"\""
        return full.hasPrefix(prefix) ? String(full.dropFirst(prefix.count)).trimmingLeadingPunctuation() : full
    }
}

extension String {
    fileprivate func trimmingLeadingPunctuation() -> String {
        String(drop(while: { $0 == ":" || $0 == " " }))
    }
}
