import ArgumentParser
import BoardSync
import Foundation
import SyncCore

struct ResyncCommand: AsyncParsableCommand, JSONOutputCommand {
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

    @OptionGroup var output: PlanOutputOptions

    @Flag(help: "Apply without asking (needed when standard input is not a terminal).")
    var yes = false

    @Option(help: "Resync only this board item (its _id: 24 hex digits for an ObjectId, or the string).")
    var item: String?

    @Flag(
        help: """
            First rollout: adopt Plane items made by hand (no external id) whose trimmed title only one board item \
            with no link carries; titles found on several items are held for a person (README, "First rollout").
            """)
    var adoptByTitle = false

    var json: Bool { output.json }

    func run() async throws {
        let onlyItem = item.map { BoardItemID.objectId(hex: $0) ?? .string($0) }
        let interactive = isatty(STDIN_FILENO) == 1
        if !output.dryRun && !yes && !interactive {
            throw CommandFailure(
                2, "resync applies changes to Plane: pass --yes to apply without a terminal, or --dry-run")
        }
        let (dryRun, yes, json, adoptByTitle) = (output.dryRun, self.yes, output.json, self.adoptByTitle)
        try await SyncRunner(common: common, lease: lease, json: json, mode: .full, dryRun: dryRun) { integration in
            var options = SyncEngine.Options(mode: .full, dryRun: false, onlyItem: onlyItem)
            options.adoptByTitle = adoptByTitle
            options.approve = { plan, linkedItems in
                let text = PlanText.render(plan, integration: integration, linkedItems: linkedItems)
                // The plan is the result, unless --json makes the summary the result: then it is a note on
                // standard error, in the log format.
                if json { Terminal.note(text) } else { Terminal.line(text) }
                if dryRun { return false }
                if yes { return true }
                return await Prompt.yes("Apply this plan to Plane? [y/N] ")
            }
            return options
        }.run()
    }
}
