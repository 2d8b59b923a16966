import ArgumentParser
import BoardSync

struct SyncCommand: AsyncParsableCommand, JSONOutputCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "One incremental pass: Plane's recent changes, then board items changed since the checkpoint.",
        discussion: """
            Exit status: 0 done and nothing new failed; 3 done but items failed or a breaker held the plan back
            (see `boardsync status`); 1 could not complete (Plane outage, MongoDB error); 2 bad usage or
            configuration; 75 another worker holds the integration's lease (try later, or --wait); 143 stopped
            by SIGTERM or SIGINT at a safe point (checkpoint saved, lease released).
            """
    )

    @OptionGroup var common: CommonOptions
    @OptionGroup var lease: LeaseOptions

    @OptionGroup var output: PlanOutputOptions

    var json: Bool { output.json }

    func run() async throws {
        let dryRun = output.dryRun
        try await SyncRunner(common: common, lease: lease, json: json, mode: .incremental, dryRun: dryRun) { _ in
            SyncEngine.Options(mode: .incremental, dryRun: dryRun)
        }.run()
    }
}
