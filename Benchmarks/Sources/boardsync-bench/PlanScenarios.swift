import Essentials
import Foundation
import PlaneSimulator
import SyncCore

/// Scenario 5, SyncCore alone with the data in memory: the plan for N linked items when nothing changed,
/// and when every item changed (rendering, canonicalising and fingerprints included).
enum PlanScenarios {
    static let nexus = PlaneFixtures.nexusProjectID
    static let ops = PlaneFixtures.opsProjectID

    static let configuration = SyncConfiguration(
        integrationId: "plane-acme", externalSource: "nexus/plane-acme", projects: ["nexus": nexus, "ops": ops],
        mapping: SyncConfiguration.Mapping(
            version: 1,
            status: ["backlog": "Backlog", "todo": "Todo", "in_progress": "In Progress", "done": "Done"],
            labels: .merge, timezone: "UTC",
            backlinkTemplate:
                "Mirrored from the Nexus board: https://nexus.acme.example/board/{project_id}/items/{id}"),
        policy: SyncConfiguration.Policy(remoteEdits: .overwrite))

    static func metadata(project: Int, id: String) -> PlaneMetadata {
        let states = ["Backlog", "Todo", "In Progress", "Done", "Cancelled"].enumerated().map { offset, name in
            PlaneState(
                id: PlaneFixtures.stateID(project: project, index: offset + 1), name: name,
                group: ["backlog", "unstarted", "started", "completed", "cancelled"][offset], isDefault: offset == 0)
        }
        let labels = BoardGenerator.labels.enumerated().map { offset, name in
            PlaneLabel(id: PlaneFixtures.labelID(project: project, index: offset + 1), name: name)
        }
        let members = [
            PlaneMember(id: PlaneFixtures.botUserID, email: "boardsync-bot@acme.example", role: 20),
            PlaneMember(id: PlaneFixtures.aliceUserID, email: "alice@acme.example", role: 20),
            PlaneMember(id: PlaneFixtures.bobUserID, email: "bob@acme.example", role: 15),
            PlaneMember(id: PlaneFixtures.carolUserID, email: "carol@acme.example", role: 15),
        ]
        return PlaneMetadata(projectId: id, states: states, labels: labels, members: members)
    }

    static let allMetadata = [nexus: metadata(project: 1, id: nexus), ops: metadata(project: 2, id: ops)]

    static func planeItemId(_ index: Int) -> String { String(format: "00000000-0000-4000-8000-%012x", index) }

    static func item(_ index: Int, now: Date, edited: Bool) -> BoardItem {
        BoardItem(
            id: .objectId(BoardGenerator.idHex(index)), projectId: BoardGenerator.project(index),
            title: edited ? "Edited: " + BoardGenerator.title(index) : BoardGenerator.title(index),
            description: BoardGenerator.markdown(index), status: BoardGenerator.statuses[index % 4],
            priority: BoardGenerator.priorities[index % 5],
            labels: (0..<3).map { BoardGenerator.labels[(index + $0) % BoardGenerator.labels.count] },
            assignees: (0..<2).map { BoardGenerator.people[(index + $0) % BoardGenerator.people.count] },
            startDate: BoardGenerator.startDate(index, now: now), dueDate: BoardGenerator.dueDate(index, now: now),
            parentId: BoardGenerator.parent(index).map { .objectId(BoardGenerator.idHex($0)) },
            createdAt: now, updatedAt: now)
    }

    /// The link a previous push of the unedited item left: Plane's canonical reply as base, both fingerprints.
    static func link(_ index: Int, now: Date) -> Link {
        let board = item(index, now: now, edited: false)
        let project = configuration.projects[board.projectId]!
        let metadata = allMetadata[project]!
        let parent: ParentResolution =
            BoardGenerator.parent(index).map { .inPlane(planeProjectId: project, planeItemId: planeItemId($0)) }
            ?? .none
        guard
            case .ready(let payload) = PayloadBuilder(configuration: configuration)
                .build(board, metadata: metadata, parent: parent)
        else { preconditionFailure("generated item \(index) has no payload") }
        let base = PlaneCanonicalizer(metadata: metadata).canonicalize(payload.values, isCreate: true)
        return Link(
            boardItemId: board.id, planeProjectId: project, planeItemId: planeItemId(index), state: .synced,
            base: base, ownedLabelIds: base.labelIds,
            inputFingerprint: Fingerprint.input(board, mapping: configuration.mapping),
            remoteFingerprint: Fingerprint.remote(base))
    }

    /// `plan-noop` / `plan-full`: builds the input (not timed), then times `Reconciler.plan` and measures the
    /// process's peak resident memory while planning.
    static func run(items count: Int, changed: Bool, out: String?) throws {
        let now = Date(timeIntervalSince1970: 1_790_000_000)
        let items = (0..<count).map { index in
            ReconcileItem(
                boardItemId: .objectId(BoardGenerator.idHex(index)),
                board: .live(item(index, now: now, edited: changed)), link: link(index, now: now), plane: .notFetched)
        }
        let input = ReconcileInput(
            configuration: configuration, metadata: allMetadata, items: items, now: now, linkedItemCount: count)
        ResourceUsage.releaseFreedMemory()
        let inputMiB = ResourceUsage.residentMiB
        let peakReset = ResourceUsage.resetPeak()
        let cpuStart = ResourceUsage.cpuSeconds
        let started = ContinuousClock.now
        let plan = Reconciler.plan(input)
        let seconds = (ContinuousClock.now - started).inSeconds
        let cpu = ResourceUsage.cpuSeconds - cpuStart
        let peak = ResourceUsage.peakMiB
        let peakNote = peakReset ? "" : " (peak since start: the kernel refused a reset)"
        let summary = plan.summary
        let updates = summary.count(.update)
        let unchanged = plan.actions.filter { if case .skip(.unchanged) = $0.action { true } else { false } }.count
        if changed {
            try ResultRow(
                id: "5b", scenario: "plan for \(count) changed items (render + canonicalise + fingerprints)",
                reads: nil, writes: updates, metadataReads: nil, throttled: nil, seconds: seconds, peakMiB: peak,
                measured:
                    "CPU \(format(cpu, digits: 2)) s (wall \(format(seconds, digits: 2)) s), \(updates) updates planned"
                    + peakNote,
                goal: "≤ 8 s CPU", met: cpu <= 8 && updates == count
            ).append(to: out)
        } else {
            try ResultRow(
                id: "5a", scenario: "no-op plan for \(count) linked items",
                reads: nil, writes: summary.estimatedWrites, metadataReads: nil, throttled: nil, seconds: seconds,
                peakMiB: peak,
                measured:
                    "CPU \(format(cpu, digits: 2)) s (wall \(format(seconds, digits: 2)) s), peak "
                    + "\(format(peak * 1.048_576, digits: 0)) MB over an input of \(format(inputMiB * 1.048_576, digits: 0)) MB: "
                    + "planning added \(format((peak - inputMiB) * 1.048_576, digits: 0)) MB, \(unchanged) unchanged"
                    + peakNote,
                goal: "≤ 1 s CPU, ≤ 100 MB over the input",
                met: cpu <= 1 && (peak - inputMiB) * 1.048_576 <= 100 && unchanged == count
            ).append(to: out)
        }
    }
}
