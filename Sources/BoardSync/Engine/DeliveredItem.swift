import PlaneAPI
import SyncCore

/// One Plane work item a webhook delivery told about, to be decided on its own (``SyncEngine/Options/delivered``).
public struct DeliveredItem: Sendable {
    public var project: String
    public var id: String
    /// The delivery's `data`; nil when it could not be read, and the item is read from Plane by id.
    public var workItem: PlaneWorkItem?

    public init(project: String, id: String, workItem: PlaneWorkItem?) {
        self.project = project
        self.id = id
        self.workItem = workItem
    }
}

extension SyncInputGatherer {
    /// Plane's side of a run on webhook deliveries: the items they carry, each read by id where its
    /// delivery carried nothing readable. An item that cannot be read by id (gone since, or refused for
    /// itself alone) is left out: the next listing tells, and the other items are not held up by it.
    func deliveredListing(_ delivered: [DeliveredItem]) async throws -> PlaneListing {
        var listing = PlaneListing()
        for entry in delivered {
            var item = entry.workItem
            if item == nil {
                do {
                    item = try await client.workItem(project: entry.project, id: entry.id)
                    listing.readById.insert(entry.id)
                } catch let error as PlaneAPIError where Self.concernsTheItemAlone(error) {
                    continue
                }
            }
            guard let item else { continue }
            listing.items.append(PlaneConversion.snapshot(of: item, project: entry.project))
            listing.workItems[item.id] = item
        }
        return listing
    }

    /// A run on deliveries whose plan writes to Plane: the items to write are read by id first
    /// (SyncCore's ``DeliveredPlanRule``), so what is pushed is weighed against Plane as it is now. An
    /// item that cannot be read for itself alone is left out of the run (nothing is written to it).
    func readAgain(_ ids: Set<BoardItemID>, in input: inout SyncInput) async throws {
        var leftOut = Set<BoardItemID>()
        for index in input.items.indices where ids.contains(input.items[index].boardItemId) {
            let entry = input.items[index]
            let linked = entry.link.flatMap { $0.state == .unlinked ? nil : $0 }
            guard let planeId = linked?.planeItemId ?? entry.plane.snapshot?.id,
                let project = linked?.planeProjectId ?? entry.plane.snapshot?.projectId
            else { continue }
            do {
                let read = try await read(planeId, project: project, boardItem: entry.boardItemId)
                input.items[index].plane = read.observation
                if let item = read.item { input.planeWorkItems[item.id] = item }
                input.asDelivered.remove(entry.boardItemId)
            } catch let error as PlaneAPIError where Self.concernsTheItemAlone(error) {
                leftOut.insert(entry.boardItemId)
            }
        }
        input.items.removeAll { leftOut.contains($0.boardItemId) }
    }

    /// A refusal of one item's read (a 404 the lookup did not settle, an answer that is not a work item, a
    /// 400, an unexpected status) rather than of the key, the project or Plane as a whole. A 403 on a read is
    /// the key's or the project's (``PlaneAPIError/Code/configuration``); `forbidden` is kept for any item
    /// refusal Plane may answer with it. Not ``ItemFailure/signal(_:)``, which weighs writes: there an answer
    /// that is not a work item is an outage (a proxy's page), while here the other reads of the run got
    /// Plane's answers and only this item's did not decode.
    static func concernsTheItemAlone(_ error: PlaneAPIError) -> Bool {
        [.notFound, .forbidden, .invalidResponse, .validation, .unexpectedStatus].contains(error.code)
    }
}

extension PlaneObservation {
    /// The Plane item observed, when one was.
    var snapshot: PlaneItemSnapshot? {
        switch self {
        case .present(let snapshot), .archived(let snapshot): snapshot
        case .deleted, .duplicates, .notFetched: nil
        }
    }
}
