import ArgumentParser
import BoardSync

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Create or check the indexes BoardSync owns (safe to run again)."
    )

    @OptionGroup var common: CommonOptions

    @Flag(help: "Also create board_items (project_id, updated_at), which belongs to the platform.")
    var boardItemsIndex = false

    func run() async throws {
        let settings = try await common.settings()
        let retention = BoardSyncIndexes.Retention(
            eventsSeconds: settings.eventsRetentionDays * 86_400,
            resolvedApprovalsSeconds: settings.approvalsRetentionDays * 86_400)
        let report = try await common.withDatabase(settings) { database in
            try await Migration(database: database, retention: retention).run(createBoardItemsIndex: boardItemsIndex)
        }
        for index in report.ensured {
            Terminal.line("✓ \(index)")
        }
        if report.boardItemsIndexPresent && !report.boardItemsIndexCreated {
            Terminal.line("✓ board_items: (project_id, updated_at) present")
        }
        if let warning = report.warning {
            Terminal.line("! \(warning)")
        }
    }
}
