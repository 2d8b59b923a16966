import PlaneAPI
import SyncCore

/// What the executor learns about Plane's metadata while it writes: writes refused for a state, label or
/// member the run's copy holds but Plane does not (set aside, to be decided again once that part is read
/// anew), assignees Plane dropped, labels met (409) or created. ``SyncEngine`` reads the parts again once
/// and decides the items set aside with them (SyncEngine+Metadata).
final class MetadataRetry {
    /// Whether the part was read from Plane this run: a refusal then is the item's failure, not evidence.
    let wasRead: (MetadataKind, String) -> Bool
    /// Board items whose write was refused for stale metadata, in the order met.
    private(set) var setAside: [BoardItemID] = []
    /// What the refusals, the 409s and the drops point at.
    private(set) var evidence: [StaleMetadata] = []
    /// Writes Plane applied without some of the assignees they sent.
    private(set) var dropped: [(action: PlannedAction, project: String, memberIds: [String])] = []
    /// Labels created this run, by project.
    private(set) var createdLabels: [String: [SyncCore.PlaneLabel]] = [:]

    init(wasRead: @escaping (MetadataKind, String) -> Bool) {
        self.wasRead = wasRead
    }

    /// Sets the action aside when Plane refused it (400) for metadata of a part not read this run.
    func setsAside(_ action: PlannedAction, _ error: PlaneAPIError) -> Bool {
        guard error.code == .validation, let id = action.boardItemId,
            let project = action.payload?.planeProjectId ?? action.planeProjectId
        else { return false }
        let kinds = MetadataEvidence.refused(fieldErrors: error.fieldErrors).filter { !wasRead($0, project) }
        guard !kinds.isEmpty else { return false }
        evidence += kinds.sorted { $0.rawValue < $1.rawValue }.map { StaleMetadata(kind: $0, projectId: project) }
        if !setAside.contains(id) { setAside.append(id) }
        return true
    }

    /// A label create met a label of that name (409): the copy of the project's labels is behind Plane.
    func labelMet(project: String) {
        evidence.append(StaleMetadata(kind: .labels, projectId: project))
    }

    func labelCreated(_ label: SyncCore.PlaneLabel, project: String) {
        createdLabels[project, default: []].append(label)
    }

    /// The write's answer lacks assignees it sent.
    func dropped(_ action: PlannedAction, project: String, sent: [String], answered: [String]) {
        let missing = MetadataEvidence.droppedAssignees(sent: sent, answered: answered)
        guard !missing.isEmpty else { return }
        dropped.append((action, project, missing))
        evidence.append(StaleMetadata(kind: .members, projectId: project))
    }

    /// Everything was handled: the second pass starts from nothing.
    func reset() {
        setAside = []
        evidence = []
        dropped = []
        createdLabels = [:]
    }
}
