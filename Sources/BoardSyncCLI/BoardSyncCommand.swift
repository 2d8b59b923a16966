import ArgumentParser
import BoardSync
import Foundation
import MongoDriver

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

    /// Parses and runs a command with the exit codes of the README's table: bad usage (an unknown flag, a
    /// missing argument, a value that does not parse or validate) is 2, like any configuration to fix, not
    /// argument-parser's 64; a failure is shown on standard error in the log format and, with `--json`, as a
    /// JSON error object on standard output; an unexpected error is 1, its text redacted.
    nonisolated static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        LogSetup.early(arguments: arguments)
        var wantsJSON = arguments.contains("--json")
        let parsed: any ParsableCommand
        do {
            parsed = try await asyncParseAsRoot(arguments)
        } catch {
            let code = exitCode(for: error)
            guard code != .success else { exit(withError: error) }  // --help, --version
            // The whole text (with the usage) on standard error; the short message in the JSON error.
            let full = fullMessage(for: error).trimmingCharacters(in: .whitespacesAndNewlines)
            fail(CommandFailure(2, message(for: error)), json: wantsJSON, shown: full)
        }
        wantsJSON = (parsed as? any JSONOutputCommand)?.json ?? false
        do {
            if var command = parsed as? any AsyncParsableCommand {
                try await command.run()
            } else {
                var command = parsed
                try command.run()
            }
        } catch let failure as CommandFailure {
            fail(failure, json: wantsJSON)
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch {
            let code = exitCode(for: error)
            guard code != .success else { exit(withError: error) }
            fail(CommandFailure(code == .validationFailure ? 2 : 1, "\(error)"), json: wantsJSON)
        }
    }

    private static func fail(_ failure: CommandFailure, json: Bool, shown: String? = nil) -> Never {
        Terminal.error(shown ?? failure.message)
        if json {
            JSONError(exitCode: failure.exitCode, message: failure.message, integration: failure.integration).print()
        }
        Foundation.exit(failure.exitCode)
    }
}
