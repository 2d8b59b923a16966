import Foundation

extension PlaneClient {
    static let workItemsTemplate = "/workspaces/{slug}/projects/{project_id}/work-items/"
    static let workItemTemplate = "/workspaces/{slug}/projects/{project_id}/work-items/{id}/"

    /// The project's work items, page by page (archived, draft, triage and deleted items are not listed).
    ///
    /// Nothing is fetched until the sequence is iterated. Use `.items` for the items themselves.
    public func workItems(project: String, query: PlaneListQuery = PlaneListQuery()) -> PlanePageSequence<PlaneWorkItem>
    {
        PlanePageSequence(endpoint: Self.workItemsTemplate) { cursor in
            try await self.workItemPage(project: project, query: query, cursor: cursor)
        }
    }

    /// One page of the work item list.
    public func workItemPage(project: String, query: PlaneListQuery = PlaneListQuery(), cursor: String? = nil)
        async throws -> PlanePage<PlaneWorkItem>
    {
        var endpoint = PlaneEndpoint("GET", Self.workItemsTemplate, [slug, project])
        endpoint.query = query.items(cursor: cursor)
        return try await call(endpoint, as: PlanePage<PlaneWorkItem>.self)
    }

    /// Creates a work item (201).
    /// - Throws: ``PlaneAPIError/Code/duplicate`` with the existing item's id when the external
    ///   pair is taken; ``PlaneAPIError/Code/outcomeUnknown`` when the answer was lost.
    public func createWorkItem(project: String, _ item: PlaneWorkItemCreate) async throws -> PlaneWorkItem {
        let endpoint = PlaneEndpoint("POST", Self.workItemsTemplate, [slug, project])
        return try await call(endpoint, body: item, as: PlaneWorkItem.self)
    }

    /// One work item by id. 404 (``PlaneAPIError/Code/notFound``) for deleted, archived, draft and triage items.
    public func workItem(project: String, id: String) async throws -> PlaneWorkItem {
        let endpoint = PlaneEndpoint("GET", Self.workItemTemplate, [slug, project, id], objectID: id)
        return try await call(endpoint, as: PlaneWorkItem.self)
    }

    /// Partially updates a work item: only the fields set in `patch` are sent.
    /// - Throws: ``PlaneAPIError/Code/conflict`` on a 409 (its id is this item's, never adopt it).
    public func updateWorkItem(project: String, id: String, _ patch: PlaneWorkItemPatch) async throws
        -> PlaneWorkItem
    {
        let endpoint = PlaneEndpoint("PATCH", Self.workItemTemplate, [slug, project, id], objectID: id)
        return try await call(endpoint, body: patch, as: PlaneWorkItem.self)
    }

    /// Deletes a work item (Plane soft-deletes it; 204).
    ///
    /// A DELETE whose answer was lost is retried; if the first one was applied, the retry gets 404.
    /// So ``PlaneAPIError/Code/notFound`` with ``PlaneAPIError/attempts`` above 1 means "gone", not "never there".
    /// - Throws: ``PlaneAPIError/Code/forbidden`` when the key's user is neither its creator nor a project admin.
    public func deleteWorkItem(project: String, id: String) async throws {
        let endpoint = PlaneEndpoint("DELETE", Self.workItemTemplate, [slug, project, id], objectID: id)
        let (response, attempts) = try await send(endpoint)
        _ = try expectSuccess(response, for: endpoint, attempts: attempts)
    }

    /// The work item with this external pair, archived, draft and triage ones included; `nil` if none.
    ///
    /// Both values are always sent: with one alone (or an empty one) Plane ignores the filter and
    /// lists everything, so an empty value is refused here without a request.
    /// - Throws: ``PlaneAPIError/Code/duplicatedExternalPair`` when Plane holds several (it answers 500).
    public func lookUpWorkItem(project: String, externalID: String, externalSource: String) async throws
        -> PlaneWorkItem?
    {
        var endpoint = PlaneEndpoint("GET", Self.workItemsTemplate, [slug, project])
        endpoint.query = [
            .init(name: "external_id", value: externalID), .init(name: "external_source", value: externalSource),
        ]
        endpoint.isExternalLookup = true
        guard !externalID.isEmpty, !externalSource.isEmpty else {
            // Plane ignores an empty filter and answers with the whole list.
            throw failure(
                .validation, endpoint, message: "external_id and external_source must both be non-empty",
                attempts: 0)
        }
        do {
            return try await call(endpoint, as: PlaneWorkItem.self)
        } catch let error as PlaneAPIError where error.code == .notFound {
            return nil
        }
    }

    /// Sends `endpoint` with an optional JSON body and decodes a 2xx answer as `T`.
    func call<T: Decodable>(_ endpoint: PlaneEndpoint, body: (any Encodable)? = nil, as type: T.Type) async throws
        -> T
    {
        let data = try body.map { try encoder.encode($0) }
        let (response, attempts) = try await send(endpoint, body: data)
        let success = try expectSuccess(response, for: endpoint, attempts: attempts)
        return try decode(T.self, from: success, for: endpoint, attempts: attempts)
    }
}
