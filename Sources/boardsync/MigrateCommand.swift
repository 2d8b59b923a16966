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

    @Option(help: "Days events are kept before they expire.")
    var eventsRetentionDays = 30

    @Option(help: "Days resolved approvals are kept before they expire.")
    var approvalsRetentionDays = 90

    func validate() throws {
        guard eventsRetentionDays > 0, approvalsRetentionDays > 0 else {
            throw ValidationError("Retention must be at least one day.")
        }
    }

    func run() async throws {
        let retention = BoardSyncIndexes.Retention(
            eventsSeconds: eventsRetentionDays * 86_400, resolvedApprovalsSeconds: approvalsRetentionDays * 86_400)
        let report = try await common.withDatabase { database in
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
