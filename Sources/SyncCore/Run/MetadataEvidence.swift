/// A kind of Plane metadata kept per project that a run can find stale.
public enum MetadataKind: String, Sendable, Hashable, CaseIterable {
    case states, labels, members
}

/// A sign that a project's copy of Plane's metadata may be out of date: a board value that met nothing in
/// it, or a write Plane refused (or trimmed) for a value taken from it.
public struct StaleMetadata: Sendable, Hashable {
    public var kind: MetadataKind
    public var projectId: String
    /// The value that met nothing, lowercased (a state name, an email); empty when Plane's answer named
    /// only the field.
    public var value: String

    public init(kind: MetadataKind, projectId: String, value: String = "") {
        self.kind = kind
        self.projectId = projectId
        self.value = value.lowercased()
    }
}

/// What counts as evidence that cached metadata is stale (issue 13). A run that meets it reads that kind of
/// that project again once, then decides with what Plane says: at most one more metadata read per piece of
/// evidence. A value already looked for in the copy and found absent is no new evidence.
public enum MetadataEvidence {
    /// Board values this plan found mapping to nothing: a status no state is named after, a status mapped to
    /// a state the project lacks, no default state, an assignee no member has.
    public static func unmapped(in plan: SyncPlan) -> [StaleMetadata] {
        var found: [StaleMetadata] = []
        for action in plan.actions {
            let project = action.payload?.planeProjectId ?? action.planeProjectId
            guard let project else { continue }
            if case .skip(.itemProblem(let problem)) = action.action {
                switch problem {
                case .unknownStatus(let status):
                    found.append(StaleMetadata(kind: .states, projectId: project, value: status))
                case .mappedStateMissing(_, let state):
                    found.append(StaleMetadata(kind: .states, projectId: project, value: state))
                case .noDefaultState: found.append(StaleMetadata(kind: .states, projectId: project, value: "(default)"))
                default: break
                }
            }
            for note in action.notes {
                if case .unknownAssignee(let email) = note {
                    found.append(StaleMetadata(kind: .members, projectId: project, value: email))
                }
            }
        }
        var seen = Set<StaleMetadata>()
        return found.filter { seen.insert($0).inserted }
    }

    /// The kinds a validation error (400) of a work-item write names: an unknown state (also "State is not
    /// valid" for one of another project), an unknown label, an unknown assignee.
    public static func refused(fieldErrors: [String: [String]]) -> Set<MetadataKind> {
        var kinds = Set<MetadataKind>()
        for (field, messages) in fieldErrors {
            let root = field.split(separator: ".").first.map(String.init) ?? field
            switch root {
            case "state": kinds.insert(.states)
            case "labels": kinds.insert(.labels)
            case "assignees": kinds.insert(.members)
            case "non_field_errors" where messages.contains(where: { $0.hasPrefix("State is not valid") }):
                kinds.insert(.states)
            default: break
            }
        }
        return kinds
    }

    /// Assignees a write sent that Plane's answer does not hold: Plane drops former members, guests and
    /// strangers without an error, so the copy said they could be assigned and Plane disagrees.
    public static func droppedAssignees(sent: [String], answered: [String]) -> [String] {
        let kept = Set(answered.map { $0.lowercased() })
        var seen = Set<String>()
        return sent.filter { !kept.contains($0.lowercased()) && seen.insert($0.lowercased()).inserted }
    }
}
