import ArgumentParser
import BoardSync
import Foundation
import MongoDriver
import SyncCore

/// What `sync` and `resync` share: every enabled integration (or `--integration`), one engine run each
/// under the integration's lease, the summaries printed, and the exit code of docs/architecture.md, "Exit codes".
struct SyncRunner {
    var common: CommonOptions
    var lease: LeaseOptions
    var json: Bool
    var mode: SyncEngine.Mode
    /// A dry run writes nothing, so it takes no lease.
    var dryRun: Bool
    var makeOptions: @Sendable (Integration) -> SyncEngine.Options

    func run() async throws {
        let settings = try await common.settings(lease: lease)
        var summaries: [RunSummary] = []
        var exitCode: Int32 = 0
        try await common.withDatabase(settings) { database in
            let integrations = try await load(settings: settings, database: database, exitCode: &exitCode)
            let engine = SyncEngine(database: database)
            let keeper = LeaseKeeper(
                database: database, settings: settings.lease, holder: LeaseKeeper.holderName(command: mode.rawValue))
            let leasedRun = LeasedRun(engine: engine, keeper: keeper)
            for integration in integrations {
                do {
                    let withProgress: @Sendable (Integration) -> SyncEngine.Options = { integration in
                        var options = makeOptions(integration)
                        if !options.dryRun && options.progress == nil {
                            options.progress = ProgressReporter().report
                        }
                        return options
                    }
                    let report =
                        dryRun
                        ? try await engine.run(integration, options: makeOptions(integration))
                        : try await leasedRun.run(integration.id, mode: mode, wait: lease.wait, options: withProgress)
                    summaries.append(report.summary)
                    if report.summary.failed > 0 || report.summary.stoppedBecause != nil { exitCode = max(exitCode, 3) }
                } catch let held as LeaseUnavailable {
                    Terminal.error(held.description)
                    exitCode = exitCode == 2 ? 2 : 75
                } catch let failure as RunFailure {
                    summaries.append(failure.summary)
                    Terminal.error(failure.description)
                    switch failure.stopped.kind {
                    case .configuration: exitCode = 2
                    case .leaseLost: exitCode = exitCode == 2 ? 2 : 75
                    case .outage: exitCode = max(exitCode, 1)
                    }
                } catch let error as IntegrationError {
                    Terminal.error(error.description)
                    exitCode = 2
                }
            }
        }
        print(summaries)
        if exitCode != 0 { throw ExitCode(exitCode) }
    }

    private func load(settings: BoardSyncSettings, database: MongoDatabase, exitCode: inout Int32) async throws
        -> [Integration]
    {
        let loader = IntegrationLoader(database: database)
        if let id = settings.integration {
            do {
                return [try await loader.load(id: id)]
            } catch let error as IntegrationError {
                Terminal.error(error.description)
                throw ExitCode(2)
            }
        }
        var integrations: [Integration] = []
        for result in try await loader.loadEnabled() {
            switch result {
            case .success(let integration): integrations.append(integration)
            case .failure(let error):
                Terminal.error(error.description)
                exitCode = 2
            }
        }
        if integrations.isEmpty && exitCode == 0 {
            Terminal.error(
                "no enabled integration of kind \"plane\" in \(settings.database).integrations; nothing to do")
        }
        return integrations
    }

    private func print(_ summaries: [RunSummary]) {
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
            let data: Data?
            if summaries.count == 1 {
                data = try? encoder.encode(summaries[0])
            } else {
                data = try? encoder.encode(["integrations": summaries])
            }
            Terminal.line(String(decoding: data ?? Data("{}".utf8), as: UTF8.self))
        } else {
            for summary in summaries { Terminal.line(SummaryText.render(summary)) }
        }
    }
}
