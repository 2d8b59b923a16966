import Foundation
import MongoDriver
import SyncCore

/// A document refused because another integration that came first has its `external_source`.
struct SourceClash: Error {
    var error: IntegrationError
}

extension IntegrationLoader {
    /// Refuses `integration` when an integration that came first and is served too (enabled, or the one
    /// `--integration` names) has the same `external_source`: both would take every Plane item with that
    /// source for their own. The first keeps running (``SourceOwnership``).
    func checkSourceOwnership(of integration: inout Integration, document: BSONDocument, named: String?)
        async throws
    {
        let filter: BSONDocument = ["kind": "plane", "external_source": .string(integration.externalSource)]
        var sharing: [(document: BSONDocument, position: Int)] = []
        var position = 0
        // No sort: MongoDB's natural order is the last evidence of which came first.
        for try await other in collection.find(filter) {
            defer { position += 1 }
            let id = other["_id"].map(BSONDecoder.describeId)
            let served = id == integration.id || id == named || other["enabled"]?.boolValue == true
            if served { sharing.append((other, position)) }
        }
        guard sharing.count > 1 else { return }
        var candidates: [SourceOwnership.Candidate] = []
        for (other, position) in sharing {
            let id = other["_id"].map(BSONDecoder.describeId) ?? "(no _id)"
            candidates.append(
                SourceOwnership.Candidate(
                    id: id, createdAt: other["created_at"]?.dateValue, firstLinkAt: try await firstLink(of: id),
                    position: position))
        }
        guard let decision = SourceOwnership.first(among: candidates), decision.first != integration.id else {
            return
        }
        let others = candidates.map(\.id).filter { $0 != integration.id && $0 != decision.first }
        let also = others.isEmpty ? "" : " (and \(others.map { "\"\($0)\"" }.joined(separator: ", ")))"
        throw SourceClash(
            error: IntegrationError(
                integrationId: integration.id, field: "external_source",
                reason: "\"\(integration.externalSource)\" is also the external_source of integrations document "
                    + "\"\(decision.first)\"\(also), which came first (by \(decision.evidence)) and keeps running; "
                    + "this one is not run, or it would take \"\(decision.first)\"'s Plane items for its own. Give "
                    + "it an external_source of its own (e.g. \"nexus/\(integration.id)\"), or disable one of them"))
    }

    private func firstLink(of integrationId: String) async throws -> Date? {
        let options = MongoFindOptions(sort: ["created_at": 1], projection: ["created_at": 1], limit: 1)
        for try await link in links.find(["integration_id": .string(integrationId)], options: options) {
            return link["created_at"]?.dateValue
        }
        return nil
    }
}
