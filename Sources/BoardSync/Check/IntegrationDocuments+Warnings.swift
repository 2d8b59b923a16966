import MongoDriver

extension IntegrationDocuments {
    /// What is not wrong enough to refuse but changes what runs do without saying so: misspelt fields
    /// (`enable: true` leaves the integration disabled), documents that look like Plane integrations but are
    /// not of kind `plane` (never read), and one board project mirrored into one Plane project by two
    /// integrations (every item there twice).
    static func warnings(_ database: MongoDatabase, served: [Integration]) async throws -> [CheckResult] {
        var warnings: [CheckResult] = []
        for try await document in database.collection(CollectionNames.integrations).find([:]) {
            let id = document["_id"].map(BSONDecoder.describeId) ?? "(no _id)"
            guard document["kind"]?.stringValue == "plane" else {
                if document["base_url"] != nil || document["workspace_slug"] != nil {
                    let kind = document["kind"].map { $0.stringValue.map { "\"\($0)\"" } ?? $0.typeName } ?? "missing"
                    warnings.append(
                        CheckResult(
                            .warning, "integration document", integration: id,
                            "looks like a Plane integration but its kind is \(kind): BoardSync never reads it",
                            remedy: "set kind: \"plane\" if it is one"))
                }
                continue
            }
            let unknown = IntegrationDocument.unknownFields(in: document)
            if !unknown.isEmpty {
                warnings.append(
                    CheckResult(
                        .warning, "integration document", integration: id,
                        "field(s) BoardSync does not read: \(unknown.joined(separator: ", ")); they change nothing",
                        remedy: "fix the spelling (see config/integration.example.json), or remove them"))
            }
        }
        var pairs: [String: [String]] = [:]
        for integration in served {
            for project in integration.projects {
                pairs["\(project.boardProjectId) → \(project.planeProjectId)", default: []].append(integration.id)
            }
        }
        for (pair, owners) in pairs.sorted(by: { $0.key < $1.key }) where owners.count > 1 {
            warnings.append(
                CheckResult(
                    .warning, "projects", "\(owners.joined(separator: " and ")) both mirror \(pair)",
                    remedy: "each integration creates its own Plane item for every board item: the project will "
                        + "hold each of them twice; keep the mapping in one integration"))
        }
        return warnings
    }
}
