import BoardSync
import MongoDriver

/// Which integrations a command serves, through the runs' own loader: `--integration` (enabled or not),
/// or every enabled one. A document the runs would refuse (invalid, or sharing its `external_source` with
/// one that came first) is refused here too, with every problem named (exit 2).
extension CommonOptions {
    /// Every served integration; refused documents and an empty selection end the command with exit 2.
    func integrations(_ settings: BoardSyncSettings, database: MongoDatabase, purpose: String = "nothing to do")
        async throws -> [Integration]
    {
        let served = try await IntegrationLoader(database: database).served(only: settings.integration)
        if !served.refused.isEmpty {
            throw CommandFailure(
                2, served.refused.map(\.description).joined(separator: "\n"),
                integration: served.refused.count == 1 ? served.refused[0].integrationId : nil)
        }
        guard !served.integrations.isEmpty else {
            throw CommandFailure(
                2, "no enabled integration of kind \"plane\" in \(settings.database).integrations; \(purpose)")
        }
        return served.integrations
    }

    /// `--integration`, or the only enabled one.
    func integration(_ settings: BoardSyncSettings, database: MongoDatabase) async throws -> Integration {
        let all = try await integrations(settings, database: database)
        guard all.count == 1, let only = all.first else {
            throw CommandFailure(2, "\(all.count) integrations are enabled; name one with --integration")
        }
        return only
    }
}
