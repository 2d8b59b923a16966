import ArgumentParser
import BoardSync
import Foundation
import Logging
import MongoDriver
import SyncCore

/// What `sync` and `resync` share: every enabled integration (or `--integration`), one engine run each
/// under the integration's lease, the summaries printed, and one exit code decided by ``RunOutcome``.
/// SIGTERM and SIGINT stop it at a safe point: the action in flight is finished (a wait on the rate budget
/// ends at once), the rest of the plan is left for the next run, the checkpoint saved, the lease released,
/// the run recorded as stopped, and the process exits 143.
struct SyncRunner {
    var common: CommonOptions
    var lease: LeaseOptions
    var json: Bool
    var mode: SyncEngine.Mode
    /// A dry run writes nothing, so it takes no lease.
    var dryRun: Bool
    var makeOptions: @Sendable (Integration) -> SyncEngine.Options

    /// How one integration's run ended, for the output and the exit code.
    struct Result: Sendable {
        var integration: String?
        var summary: RunSummary?
        var outcome: RunOutcome
        /// Why it did not complete, when it did not.
        var message: String?
    }

    func run() async throws {
        let stop = RunStop()
        let signals = await StopSignals.trap(stop)
        defer { signals.cancel() }
        let settings = try await common.settings(lease: lease)
        let (common, wait, mode, dryRun, makeOptions) = (common, lease.wait, mode, dryRun, makeOptions)
        var results: [Result]
        do {
            results = try await stop.run {
                try await common.withDatabase(settings) { database in
                    try await Self.runEach(
                        settings: settings, database: database, mode: mode, dryRun: dryRun, wait: wait, stop: stop,
                        makeOptions: makeOptions)
                }
            }
        } catch is CancellationError where stop.isRequested {
            results = []
        }
        if stop.isRequested && !results.contains(where: { $0.outcome == .stoppedBySignal }) {
            results.append(
                Result(
                    outcome: .stoppedBySignal,
                    message: "stopped by \(stop.reason ?? "a signal") before the next integration's run"))
        }
        print(results)
        let code = RunOutcome.exitCode(of: results.map(\.outcome))
        if code != 0 { throw ExitCode(code) }
    }

    private static func runEach(
        settings: BoardSyncSettings, database: MongoDatabase, mode: SyncEngine.Mode, dryRun: Bool, wait: Bool,
        stop: RunStop, makeOptions: @escaping @Sendable (Integration) -> SyncEngine.Options
    ) async throws -> [Result] {
        let served = try await IntegrationLoader(database: database).served(only: settings.integration)
        var results = served.refused.map {
            Result(integration: $0.integrationId, outcome: .configuration, message: $0.description)
        }
        if served.integrations.isEmpty && served.refused.isEmpty {
            results.append(
                Result(
                    outcome: .configuration,
                    message: "no enabled integration of kind \"plane\" in \(settings.database).integrations; "
                        + "nothing to do (enable one, or name one with --integration)"))
        }
        // The SQLite cache (Plane's metadata, the listing positions, item snapshots): opened once, never fatal.
        let logger = Logger(label: "boardsync")
        let engine = SyncEngine(database: database, settings: settings, logger: logger)
        let keeper = LeaseKeeper(
            database: database, settings: settings.lease, holder: LeaseKeeper.holderName(command: mode.rawValue),
            logger: logger)
        let leasedRun = LeasedRun(engine: engine, keeper: keeper)
        let progressLogger = Logger(label: "boardsync.progress")
        let options: @Sendable (Integration) -> SyncEngine.Options = { integration in
            var options = makeOptions(integration)
            options.stopRequested = { stop.isRequested }
            if !options.dryRun && options.progress == nil {
                options.progress = ProgressReporter(logger: progressLogger).report
            }
            return options
        }
        for integration in served.integrations where !stop.isRequested {
            results.append(
                await runOne(
                    integration, dryRun: dryRun, engine: engine, leasedRun: leasedRun, mode: mode,
                    wait: wait, stop: stop, options: options))
        }
        return results
    }

    private static func runOne(
        _ integration: Integration, dryRun: Bool, engine: SyncEngine, leasedRun: LeasedRun, mode: SyncEngine.Mode,
        wait: Bool, stop: RunStop, options: @escaping @Sendable (Integration) -> SyncEngine.Options
    ) async -> Result {
        let id = integration.id
        do {
            let report =
                dryRun
                ? try await engine.run(integration, options: options(integration))
                : try await leasedRun.run(id, mode: mode, wait: wait, options: options)
            let message: String? =
                report.outcome == .stoppedBySignal
                ? "stopped by \(stop.reason ?? "a signal") at a safe point: "
                    + (report.summary.stoppedBecause ?? "the rest is taken next run")
                : nil
            return Result(integration: id, summary: report.summary, outcome: report.outcome, message: message)
        } catch let held as LeaseUnavailable {
            return Result(integration: id, outcome: .leaseUnavailable, message: held.description)
        } catch let failure as RunFailure {
            return Result(
                integration: id, summary: failure.summary, outcome: failure.outcome, message: failure.description)
        } catch let error as IntegrationError {
            return Result(integration: id, outcome: .configuration, message: error.description)
        } catch  where stop.isRequested {
            // Waiting for the lease (--wait), stopped: nothing was done.
            return Result(
                integration: id, outcome: .stoppedBySignal,
                message: "stopped by \(stop.reason ?? "a signal") before the run began")
        } catch {
            let code: RunOutcome = (error as? MongoError)?.code == .invalidURI ? .configuration : .unavailable
            return Result(integration: id, outcome: code, message: "\(error)")
        }
    }

    /// Summaries on standard output (text, or `--json`), problems on standard error. With `--json`: one
    /// integration's summary is the object itself, with an `error` object when its run did not complete;
    /// otherwise `{"integrations": [...], "errors": [...], "error": {...}}` (`error` when any failed).
    private func print(_ results: [Result]) {
        let failures = results.filter { $0.message != nil }
        for failure in failures { Terminal.error(failure.message ?? "") }
        let summaries = results.compactMap(\.summary)
        let errors = failures.map {
            JSONError(exitCode: $0.outcome.exitCode, message: $0.message ?? "", integration: $0.integration)
        }
        guard json else {
            for summary in summaries { Terminal.line(SummaryText.render(summary)) }
            return
        }
        if results.count == 1, let summary = summaries.first {
            Terminal.line(JSONText.encode(summary, adding: errors.first.map { ["error": $0] } ?? [:]))
            return
        }
        var extra: [String: any Encodable] = ["integrations": summaries, "errors": errors]
        if !errors.isEmpty {
            let code = RunOutcome.exitCode(of: results.map(\.outcome))
            let failed = Set(errors.compactMap(\.integration)).sorted()
            extra["error"] = JSONError(
                exitCode: code,
                message: errors.count == 1
                    ? errors[0].message
                    : "\(errors.count) problems" + (failed.isEmpty ? "" : " (\(failed.joined(separator: ", ")))")
                        + "; see errors")
        }
        Terminal.line(JSONText.encode(EmptyObject(), adding: extra))
    }

    private struct EmptyObject: Encodable {}
}
