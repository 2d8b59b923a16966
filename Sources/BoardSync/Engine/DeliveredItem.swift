import PlaneAPI

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
    /// delivery carried nothing readable (an item gone since is left out: the next listing tells).
    func deliveredListing(_ delivered: [DeliveredItem]) async throws -> PlaneListing {
        var listing = PlaneListing()
        for entry in delivered {
            var item = entry.workItem
            if item == nil {
                do {
                    item = try await client.workItem(project: entry.project, id: entry.id)
                } catch let error as PlaneAPIError where error.code == .notFound {
                    continue
                }
            }
            guard let item else { continue }
            listing.items.append(PlaneConversion.snapshot(of: item, project: entry.project))
            listing.workItems[item.id] = item
        }
        return listing
    }
}
