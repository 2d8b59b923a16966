import ArgumentParser
import BoardSync
import Foundation

struct FixturesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fixtures",
        abstract: "Demo and test data.",
        subcommands: [Load.self]
    )

    struct Load: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load fixtures/ (board items and the integration) into the database."
        )

        @OptionGroup var common: CommonOptions

        @Flag(help: "Empty board_items, board_links, integrations, approvals and events first.")
        var drop = false

        @Option(help: "Directory holding the fixture files.")
        var fixtures = "fixtures"

        @Option(help: "Plane base URL to put in the integration (e.g. the local simulator's).")
        var planeURL: String?

        @Option(help: "Rate limit to put in the integration, Plane's N/period form (e.g. the simulator's).")
        var planeRateLimit: String?

        func run() async throws {
            let loader = FixtureLoader(
                directory: URL(fileURLWithPath: fixtures), planeBaseURL: planeURL, rateLimit: planeRateLimit)
            let settings = try await common.settings()
            let summary: FixtureLoader.Summary
            do {
                summary = try await common.withDatabase(settings) { database in
                    try await loader.load(into: database, drop: drop)
                }
            } catch let error as FixtureError {
                throw CommandFailure(2, error.description)
            }
            let total = summary.boardItemsByProject.values.reduce(0, +)
            Terminal.line("Loaded \(total) board items into \(settings.database).board_items:")
            for (project, count) in summary.boardItemsByProject.sorted(by: { $0.key < $1.key }) {
                Terminal.line("  project \(project): \(count)")
            }
            Terminal.line("  soft-deleted: \(summary.softDeleted)")
            for edgeCase in summary.edgeCases {
                Terminal.line("  edge case: \(edgeCase)")
            }
            Terminal.line("Loaded integrations: \(summary.integrations.joined(separator: ", "))")
        }
    }
}
