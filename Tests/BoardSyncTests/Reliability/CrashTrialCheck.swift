import Foundation
import MongoDriver
import PlaneAPI
import PlaneSimulator
import SyncCore

@testable import BoardSync

/// What a completed run must leave behind, counted: one Plane item per live in-scope board item (and
/// never two at once, over Plane's whole history), each with the owned fields the board asks for now,
/// and a synced link to it.
struct CrashTrialCheck: Sendable {
    /// Plane items created while another live item already held the same external pair.
    var duplicates = 0
    /// Live in-scope board items with no Plane item.
    var missing = 0
    /// Plane items whose board item is deleted or unknown.
    var orphans = 0
    /// Mirrored items whose Plane fields are not what the board holds now: a board edit lost.
    var lostUpdates = 0
    /// Live items whose link is not `synced` to the Plane item that mirrors them.
    var badLinks = 0
    var details: [String] = []

    /// Runs stopped with SIGTERM that did not stop cleanly: another exit than 143 (or 0/3 when the run was
    /// over first), the lease not released, or the next run refused for it (75).
    var uncleanStops = 0
    var passed: Bool { duplicates + missing + orphans + lostUpdates + badLinks + uncleanStops == 0 }

    static func run(_ world: CrashTrialWorld, metadata: [String: PlaneMetadata]) async throws -> CrashTrialCheck {
        try await run(database: world.database, simulator: world.simulator, metadata: metadata)
    }

    static func run(database: MongoDatabase, simulator: PlaneSimulator, metadata: [String: PlaneMetadata])
        async throws -> CrashTrialCheck
    {
        var check = CrashTrialCheck()
        let integration = try await IntegrationLoader(database: database).load(id: "plane-acme")
        let stored = await simulator.storedItems().filter {
            $0["external_source"]?.stringValue == integration.externalSource
        }
        check.duplicates = duplicatesEverCreated(stored)
        let planeLive = stored.filter { $0["deleted_at"]?.isNull ?? true }
        let byExternalId = Dictionary(grouping: planeLive) { $0["external_id"]?.stringValue ?? "" }
        for (externalId, items) in byExternalId where items.count > 1 {
            check.details.append("\(items.count) live Plane items hold \(externalId)")
        }
        var links: [String: BSONDocument] = [:]
        for try await link in database.collection(CollectionNames.boardLinks).find([
            "integration_id": "plane-acme"
        ]) {
            if let id = link["board_item_id"].map(BSONDecoder.describeId) { links[id] = link }
        }
        let board = try await BoardReader(database: database).all()
        var expectedIds = Set<String>()
        let builder = PayloadBuilder(configuration: integration.configuration)
        for item in board.items {
            let externalId = item.id.externalId
            guard item.deletedAt == nil, let project = integration.configuration.projects[item.projectId],
                let projectMetadata = metadata[project]
            else { continue }
            expectedIds.insert(externalId)
            guard let planeItem = byExternalId[externalId]?.first, let planeId = planeItem["id"]?.stringValue else {
                check.missing += 1
                check.details.append("board item \(externalId) has no Plane item")
                continue
            }
            var parent = ParentResolution.none
            if let parentId = item.parentId {
                guard let parentItem = byExternalId[parentId.externalId]?.first,
                    let parentPlaneId = parentItem["id"]?.stringValue
                else {
                    check.missing += 1
                    check.details.append("the parent of \(externalId) has no Plane item")
                    continue
                }
                parent = .inPlane(planeProjectId: project, planeItemId: parentPlaneId)
            }
            guard case .ready(let payload) = builder.build(item, metadata: projectMetadata, parent: parent) else {
                check.details.append("board item \(externalId) has no payload")
                check.lostUpdates += 1
                continue
            }
            let expected = PlaneCanonicalizer(metadata: projectMetadata).canonicalize(payload.values, isCreate: true)
            let actual = values(of: planeItem)
            if actual != expected {
                check.lostUpdates += 1
                check.details.append("Plane item of \(externalId) differs: \(difference(expected, actual))")
            }
            let link = links[externalId]
            if link?["state"] != "synced" || link?["plane_item_id"]?.stringValue != planeId {
                check.badLinks += 1
                check.details.append(
                    "link of \(externalId) is \(link?["state"].map { "\($0)" } ?? "missing") "
                        + "to \(link?["plane_item_id"].map { "\($0)" } ?? "nothing"), Plane has \(planeId)")
            }
        }
        for (externalId, items) in byExternalId where !expectedIds.contains(externalId) {
            check.orphans += items.count
            check.details.append("Plane keeps \(externalId), which the board deleted")
        }
        return check
    }

    /// Over every item Plane ever stored (deleted ones included): items created while an earlier one of
    /// the same pair was still live. A duplicate the next run cleaned up still counts.
    static func duplicatesEverCreated(_ stored: [SimJSON]) -> Int {
        let byPair = Dictionary(grouping: stored) { $0["external_id"]?.stringValue ?? "" }
        var count = 0
        for items in byPair.values where items.count > 1 {
            let spans = items.map { item in
                (
                    created: PlaneTimestamp(item["created_at"]?.stringValue ?? "")?.microsecondsSinceEpoch ?? 0,
                    deleted: item["deleted_at"]?.stringValue.flatMap(PlaneTimestamp.init)?.microsecondsSinceEpoch
                )
            }.sorted { $0.created < $1.created }
            for (index, span) in spans.enumerated() {
                if spans[..<index].contains(where: { $0.deleted.map { $0 > span.created } ?? true }) { count += 1 }
            }
        }
        return count
    }

    static func values(of item: SimJSON) -> PlaneValues {
        PlaneValues(
            name: item["name"]?.stringValue ?? "", descriptionHTML: item["description_html"]?.stringValue ?? "",
            stateId: item["state"]?.stringValue, priority: item["priority"]?.stringValue ?? "none",
            labelIds: item["labels"]?.arrayValue?.compactMap(\.stringValue) ?? [],
            assigneeIds: item["assignees"]?.arrayValue?.compactMap(\.stringValue) ?? [],
            startDate: item["start_date"]?.stringValue, targetDate: item["target_date"]?.stringValue,
            parentId: item["parent"]?.stringValue)
    }

    static func difference(_ expected: PlaneValues, _ actual: PlaneValues) -> String {
        PlaneField.allCases.filter { expected.value(of: $0) != actual.value(of: $0) }
            .map { "\($0.rawValue) wanted \(expected.value(of: $0)), Plane has \(actual.value(of: $0))" }
            .joined(separator: "; ")
    }

    mutating func add(_ other: CrashTrialCheck) {
        duplicates += other.duplicates
        missing += other.missing
        orphans += other.orphans
        lostUpdates += other.lostUpdates
        badLinks += other.badLinks
        uncleanStops += other.uncleanStops
        details += other.details
    }
}
