import MongoDriver
import SyncCore

/// The `integrations` documents `check` looks at: each one validated, and `external_source` compared
/// across all of them (two integrations with one source would take each other's Plane items for their own).
struct IntegrationDocuments {
    var checks: [CheckResult] = []
    /// The documents that validated and are served (enabled, or the one `--integration` names).
    var valid: [Integration] = []

    static func load(_ database: MongoDatabase, only id: String?) async throws -> IntegrationDocuments {
        var result = IntegrationDocuments()
        let collection = database.collection(CollectionNames.integrations)
        var sources: [String: [String]] = [:]
        var served = 0
        let documents = collection.find(["kind": "plane"], options: MongoFindOptions(sort: ["_id": 1]))
        for try await document in documents {
            let name = document["_id"].map(BSONDecoder.describeId) ?? "(no _id)"
            if let source = document["external_source"]?.stringValue { sources[source, default: []].append(name) }
            let enabled = document["enabled"]?.boolValue ?? false
            guard id.map({ $0 == name }) ?? enabled else { continue }
            served += 1
            do {
                let integration = try IntegrationLoader.validate(document)
                result.valid.append(integration)
                result.checks.append(
                    CheckResult(
                        .pass, "integration document", integration: name,
                        "valid; \(integration.projects.count) project(s), \(integration.configuration.mapping.status.count) "
                            + "status mapping(s), \(enabled ? "enabled" : "disabled (served because --integration names it)")"
                    ))
            } catch {
                let problems = error.problems.map { "\($0.field) \($0.reason)" }.joined(separator: "; ")
                result.checks.append(
                    CheckResult(
                        .fail, "integration document", integration: name, problems,
                        remedy: "fix the fields named in \(database.name).integrations"))
            }
        }
        if served == 0 {
            let what =
                id.map { "no integrations document of kind \"plane\" has _id \"\($0)\"" }
                ?? "no enabled integrations document of kind \"plane\""
            result.checks.append(
                CheckResult(
                    .fail, "integrations", what,
                    remedy: id == nil
                        ? "insert one (see the README's integration fields) or set enabled: true"
                        : "check --integration / BOARDSYNC_INTEGRATION"))
        }
        let clashes = sources.filter { $0.value.count > 1 }.sorted { $0.key < $1.key }
        if clashes.isEmpty {
            result.checks.append(
                CheckResult(.pass, "external_source unique", "\(sources.count) source(s), each used once"))
        } else {
            for (source, owners) in clashes {
                result.checks.append(
                    CheckResult(
                        .fail, "external_source unique",
                        "\"\(source)\" is used by \(owners.joined(separator: ", "))",
                        remedy: "give each integration its own external_source (e.g. \"nexus/<integration id>\"); "
                            + "the items it already created in Plane carry the old one"))
            }
        }
        return result
    }
}
