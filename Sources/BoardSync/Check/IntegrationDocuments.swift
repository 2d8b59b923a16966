import MongoDriver
import SyncCore

/// The `integrations` documents `check` looks at, read by the runs' own loader so that `check` fails
/// exactly where a run would refuse: each served document validated (every field named), and
/// `external_source` compared across them (two integrations with one source would take each other's
/// Plane items for their own; the one that came first keeps it).
struct IntegrationDocuments {
    var checks: [CheckResult] = []
    /// The documents that validated and are served (enabled, or the one `--integration` names).
    var valid: [Integration] = []

    static func load(_ database: MongoDatabase, only id: String?) async throws -> IntegrationDocuments {
        var result = IntegrationDocuments()
        let served = try await IntegrationLoader(database: database).served(only: id)
        result.valid = served.integrations
        for integration in served.integrations {
            result.checks.append(
                CheckResult(
                    .pass, "integration document", integration: integration.id,
                    "valid; \(integration.projects.count) project(s), \(integration.configuration.mapping.status.count) "
                        + "status mapping(s), \(integration.enabled ? "enabled" : "disabled (served because --integration names it)")"
                ))
        }
        for error in served.invalid {
            let problems = error.problems.map { "\($0.field) \($0.reason)" }.joined(separator: "; ")
            result.checks.append(
                CheckResult(
                    .fail, "integration document", integration: error.integrationId, problems,
                    remedy: "fix the fields named in \(database.name).integrations; runs refuse this document (exit 2)")
            )
        }
        if served.integrations.isEmpty && served.refused.isEmpty {
            // (A document --integration names is served or refused: only "every enabled one" can be none.)
            result.checks.append(
                CheckResult(
                    .fail, "integrations", "no enabled integrations document of kind \"plane\"",
                    remedy: "insert one (see the README's integration fields) or set enabled: true"))
        }
        for clash in served.clashes {
            result.checks.append(
                CheckResult(
                    .fail, "external_source unique", integration: clash.integrationId,
                    clash.problems.map(\.reason).joined(separator: "; "),
                    remedy: "runs refuse \(clash.integrationId) (exit 2) until it has an external_source of its own"))
        }
        if served.clashes.isEmpty {
            let sources = Set(served.integrations.map(\.externalSource))
            result.checks.append(
                CheckResult(.pass, "external_source unique", "\(sources.count) source(s), each used once"))
        }
        result.checks += try await dormantSharers(database, served: served.integrations)
        result.checks += try await warnings(database, served: served.integrations)
        return result
    }

    /// Documents not served now (disabled) that share a served integration's source: enabling one would
    /// make two owners of the same Plane items.
    private static func dormantSharers(_ database: MongoDatabase, served: [Integration]) async throws
        -> [CheckResult]
    {
        var warnings: [CheckResult] = []
        let servedIds = Set(served.map(\.id))
        for integration in served {
            let filter: BSONDocument = ["kind": "plane", "external_source": .string(integration.externalSource)]
            for try await other in database.collection(CollectionNames.integrations).find(filter) {
                let otherId = other["_id"].map(BSONDecoder.describeId) ?? "(no _id)"
                guard !servedIds.contains(otherId) else { continue }
                warnings.append(
                    CheckResult(
                        .warning, "external_source unique", integration: integration.id,
                        "\"\(integration.externalSource)\" is also the external_source of the disabled document "
                            + "\"\(otherId)\"",
                        remedy: "enabling both would give the same Plane items two owners: give \"\(otherId)\" a "
                            + "source of its own before enabling it (the one that came first would keep running)"))
            }
        }
        return warnings
    }
}
