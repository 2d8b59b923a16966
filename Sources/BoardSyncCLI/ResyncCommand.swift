import ArgumentParser
import BoardSync
import Foundation
import SyncCore

struct ResyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resync",
        abstract: "Compare both sides whole, print the plan, then apply it.",
        discussion: """
            The plan lists every create, update (with its field changes), delete, recreate, adoption,
            conflict and skip, and how long it takes at the rate budget. Without a terminal, applying needs
            --yes. --item ID resyncs one board item now, whatever its backoff.
            """
    )

    @OptionGroup var common: CommonOptions
    @OptionGroup var lease: LeaseOptions

    @Flag(help: "Print the plan and write nothing.")
    var dryRun = false

    @Flag(help: "Apply without asking (needed when standard input is not a terminal).")
    var yes = false

    @Option(help: "Resync only this board item (its _id: 24 hex digits for an ObjectId, or the string).")
    var item: String?

    @Flag(help: "Print the run summary as one JSON object.")
    var json = false

    func run() async throws {
        let onlyItem = item.map { BoardItemID.objectId(hex: $0) ?? .string($0) }
        let interactive = isatty(STDIN_FILENO) == 1
        if !dryRun && !yes && !interactive {
            Terminal.error("resync applies changes to Plane: pass --yes to apply without a terminal, or --dry-run")
            throw ExitCode(2)
        }
        let (dryRun, yes, json) = (self.dryRun, self.yes, self.json)
        try await SyncRunner(common: common, lease: lease, json: json, mode: .full, dryRun: dryRun) { integration in
            var options = SyncEngine.Options(mode: .full, dryRun: false, onlyItem: onlyItem)
            options.approve = { plan, linkedItems in
                let text = PlanText.render(plan, integration: integration, linkedItems: linkedItems)
                if json {
                    FileHandle.standardError.write(Data((text + "\n").utf8))
                } else {
                    print(text)
                }
                if dryRun { return false }
                if yes { return true }
                return Self.ask("Apply this plan to Plane? [y/N] ")
            }
            return options
        }.run()
    }

    private static func ask(_ question: String) -> Bool {
        FileHandle.standardError.write(Data(question.utf8))
        guard let answer = readLine() else { return false }
        return ["y", "yes"].contains(answer.trimmingCharacters(in: .whitespaces).lowercased())
    }
}
