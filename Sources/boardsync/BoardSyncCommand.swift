import ArgumentParser
import BoardSync

@main
struct BoardSyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "boardsync",
        abstract: "Mirror the Nexus board into Plane.",
        version: BoardSyncVersion.current
    )
}
