import Foundation
import SyncCore

/// Shared test values: one Plane project with the default states, two labels and four members.
enum Fixtures {
    static let project = "5977fa62-f41e-44a1-b797-631155bba37e"
    static let otherProject = "0d1c2b3a-0000-4000-8000-000000000002"
    static let backlog = "state-backlog"
    static let todo = "state-todo"
    static let inProgress = "state-in-progress"
    static let done = "state-done"
    static let bug = "label-bug"
    static let feature = "label-feature"
    static let humanLabel = "label-human"
    static let alice = "user-alice"
    static let bob = "user-bob"
    static let guest = "user-guest"
    static let carol = "user-carol"
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func metadata(projectId: String = project, defaultAssignee: String? = nil) -> PlaneMetadata {
        PlaneMetadata(
            projectId: projectId,
            states: [
                PlaneState(id: backlog, name: "Backlog", group: "backlog", isDefault: true),
                PlaneState(id: todo, name: "Todo", group: "unstarted"),
                PlaneState(id: inProgress, name: "In Progress", group: "started"),
                PlaneState(id: done, name: "Done", group: "completed"),
                PlaneState(id: "state-cancelled", name: "Cancelled", group: "cancelled"),
            ],
            labels: [
                PlaneLabel(id: bug, name: "bug"), PlaneLabel(id: feature, name: "feature"),
                PlaneLabel(id: humanLabel, name: "needs-design"),
            ],
            members: [
                PlaneMember(id: alice, email: "alice@example.com", role: 20),
                PlaneMember(id: bob, email: "Bob@Example.com", role: 15),
                PlaneMember(id: guest, email: "guest@example.com", role: 5),
                PlaneMember(id: carol, email: "carol@example.com", role: 15, isActive: false),
            ],
            defaultAssigneeId: defaultAssignee)
    }

    static func configuration(
        labels: SyncConfiguration.LabelMode = .merge, remoteEdits: SyncConfiguration.RemoteEditPolicy = .hold,
        deletes: SyncConfiguration.DeletePolicy = .delete, maxDeleteFraction: Double = 0.5, timezone: String = "UTC",
        backlink: String? = "https://nexus.example/board/{project_id}/{id}", version: Int = 1,
        scope: SyncConfiguration.Scope = SyncConfiguration.Scope()
    ) -> SyncConfiguration {
        SyncConfiguration(
            integrationId: "plane-acme", externalSource: "nexus/plane-acme",
            projects: ["nexus": project, "other": otherProject],
            mapping: SyncConfiguration.Mapping(
                version: version, status: ["todo": "Todo", "doing": "In Progress", "done": "Done", "ghost": "Ghost"],
                priority: ["p1": "urgent"], labels: labels, timezone: timezone, backlinkTemplate: backlink),
            scope: scope,
            policy: SyncConfiguration.Policy(
                remoteEdits: remoteEdits, deletes: deletes, maxDeleteFraction: maxDeleteFraction))
    }

    /// The fixture configuration's mapping (what input fingerprints are taken under).
    static func mapping(version: Int = 1) -> SyncConfiguration.Mapping {
        configuration(version: version).mapping
    }

    static func item(
        _ id: String = "task_1", title: String? = "Implement login", status: String? = "todo",
        labels: [String]? = ["bug"], assignees: [String]? = ["alice@example.com"], parent: BoardItemID? = nil,
        projectId: String = "nexus", description: String? = "Some **text**"
    ) -> BoardItem {
        BoardItem(
            id: .string(id), projectId: projectId, title: title, description: description, status: status,
            priority: "high", labels: labels, assignees: assignees, parentId: parent, updatedAt: now)
    }

    static func date(_ text: String) -> Date {
        ISO8601DateFormatter().date(from: text)!
    }

    static func payload(_ item: BoardItem, configuration: SyncConfiguration = configuration()) -> DesiredPayload {
        guard
            case .ready(let payload) = PayloadBuilder(configuration: configuration).build(
                item, metadata: metadata(), parent: .none)
        else { fatalError("fixture item does not build") }
        return payload
    }

    /// The link and Plane item after a successful create of `item`: base = Plane's (predicted) reply.
    static func synced(
        _ item: BoardItem, planeId: String = "plane-1", configuration: SyncConfiguration = configuration()
    ) -> (Link, PlaneItemSnapshot) {
        let payload = payload(item, configuration: configuration)
        let base = PlaneCanonicalizer(metadata: metadata()).canonicalize(payload.values, isCreate: true)
        let link = Link(
            boardItemId: item.id, planeProjectId: project, planeItemId: planeId, state: .synced, base: base,
            ownedLabelIds: payload.values.labelIds,
            inputFingerprint: Fingerprint.input(item, mapping: configuration.mapping),
            remoteFingerprint: Fingerprint.remote(base))
        let snapshot = PlaneItemSnapshot(
            id: planeId, projectId: project, values: base, externalSource: configuration.externalSource,
            externalId: item.id.externalId, updatedAtMicros: 1, createdAtMicros: 1)
        return (link, snapshot)
    }
}
