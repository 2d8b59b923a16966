/// Work item links (`work-items/{id}/links/`). A new link counts as activity on the item.
extension SimulatorCore {
    private func liveItem(_ projectID: String, _ itemID: String) throws(PlaneError) -> WorkItemRecord {
        guard let item = world.items[itemID], item.projectID == projectID, item.deletedAt == nil else {
            throw .notFound
        }
        return item
    }

    func listLinks(_ projectID: String, _ itemID: String, _ request: SimRequest) throws(PlaneError) -> SimResponse {
        _ = try liveItem(projectID, itemID)
        let pagination = try Pagination(request)
        let links = world.linkOrder.compactMap { world.links[$0] }.filter { $0.itemID == itemID }
            .sorted { $0.createdAt > $1.createdAt }
        return .json(200, pagination.envelope(links.map { world.renderLink($0, tz) }))
    }

    func createLink(_ projectID: String, _ itemID: String, _ request: SimRequest, userID: String)
        throws(PlaneError) -> SimResponse
    {
        _ = try liveItem(projectID, itemID)
        let body = try parseBody(request)
        guard let value = body["url"] else { throw .validation([("url", ["This field is required."])]) }
        let url: String
        switch charField(value, maxLength: nil, allowBlank: false) {
        case .success(let text) where Self.looksLikeURL(text): url = text
        case .success: throw .validation([("url", ["Enter a valid URL."])])
        case .failure(let message): throw .validation([("url", [.string(message.text)])])
        }
        if world.links.values.contains(where: { $0.itemID == itemID && $0.url == url }) {
            throw PlaneError(status: 400, body: ["error": "URL already exists for this Issue"])
        }
        let now = PlaneInstant.now
        let link = LinkRecord(
            id: newID(), itemID: itemID, projectID: projectID, title: body["title"]?.stringValue, url: url,
            createdAt: now, updatedAt: now, createdBy: userID)
        world.links[link.id] = link
        world.linkOrder.append(link.id)
        scheduleBump(itemID)
        return .json(201, world.renderLink(link, tz))
    }

    static func looksLikeURL(_ text: String) -> Bool {
        let parts = text.lowercased().split(separator: ":", maxSplits: 1)
        guard parts.count == 2, parts[1].hasPrefix("//") else { return false }
        let scheme = parts[0]
        let host = parts[1].dropFirst(2).prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        return ["http", "https", "ftp", "ftps"].contains(scheme) && !host.isEmpty && !host.contains(" ")
    }
}
