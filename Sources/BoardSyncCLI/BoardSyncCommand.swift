import ArgumentParser
import BoardSync

@main
struct BoardSyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "boardsync",
        abstract: "Mirror the Nexus board (MongoDB board_items) into Plane work items.",
        version: BoardSyncVersion.current,
        subcommands: [
            SyncCommand.self, ResyncCommand.self, RunCommand.self, UnlinkCommand.self, ConflictsCommand.self,
            ExplainCommand.self, StatusCommand.self, CheckCommand.self,
            MigrateCommand.self,
            FixturesCommand.self,
        ]
    )
}
