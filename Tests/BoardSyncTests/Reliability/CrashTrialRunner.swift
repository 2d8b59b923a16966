import BoardSyncTestSupport
import Foundation
import Logging
import MongoDriver
import PlaneAPI
import PlaneSimulator
import SyncCore
import TestClocks

@testable import BoardSync

/// Runs crash trials against the real `boardsync` executable: each trial changes the board, starts a run
/// that is SIGKILLed (at a named point or a random moment) while the board keeps changing, runs again
/// until a run completes, then checks what Plane and the links hold (``CrashTrialCheck``).
struct CrashTrialRunner: Sendable {
    var workers = 3
    var seed: UInt64 = 7
    /// The share of item POSTs whose answer is lost after Plane applied them (the lookup settles them).
    var dropFraction = 0.1
    /// Run the engine with its lookup-before-POST switched off (`BOARDSYNC_BREAK`), to show the trials
    /// catch it.
    var breakEngine = false
    /// Stop each run with SIGTERM (at the point, or the moment) instead of killing it: it must stop cleanly
    /// (exit 143, its lease released, the next run not refused) and lose nothing.
    var stopWithSIGTERM = false

    func run(_ plans: [CrashTrialPlan]) async throws -> CrashTrialTally {
        let started = ContinuousClock.now
        let executable = try BuiltExecutable.url(named: "boardsync")
        var total = CrashTrialTally()
        try await withThrowingTaskGroup(of: CrashTrialTally.self) { group in
            for worker in 0..<workers {
                let mine = plans.enumerated().filter { $0.offset % workers == worker }.map(\.element)
                group.addTask {
                    try await runWorker(mine, seed: seed &+ UInt64(worker), executable: executable)
                }
            }
            for try await tally in group { total.add(tally) }
        }
        let elapsed = ContinuousClock.now - started
        total.seconds = Double(elapsed.components.seconds)
        return total
    }

    private func runWorker(_ plans: [CrashTrialPlan], seed: UInt64, executable: URL) async throws -> CrashTrialTally {
        try await CrashTrialWorld.with(seed: seed) { world in
            let metadata = try await Self.metadata(world)
            var tally = CrashTrialTally()
            for plan in plans {
                try await trial(plan, world: world, metadata: metadata, executable: executable, tally: &tally)
            }
            return tally
        }
    }

    static let workItemPaths = [SyncWorld.nexus, SyncWorld.ops].map { "\(SyncWorld.workItems)\($0)/work-items/" }

    private func injectDrops(_ world: CrashTrialWorld) async {
        guard dropFraction > 0 else { return }
        for path in Self.workItemPaths {
            await world.simulator.injectFault(
                FaultRule(method: "POST", pathPrefix: path, action: .applyThenDrop, selection: .fraction(dropFraction)))
        }
    }

    private func trial(
        _ plan: CrashTrialPlan, world: CrashTrialWorld, metadata: [String: PlaneMetadata], executable: URL,
        tally: inout CrashTrialTally
    ) async throws {
        tally.trials += 1
        switch plan.kind {
        case .initial:
            try await world.resetToEmpty()
        case .clockAhead:
            tally.cacheDamage[try world.damageCache().rawValue, default: 0] += 1
            world.clockAhead = 86_400
            for _ in 0..<2 { try await world.create() }
            for _ in 0..<3 { try await world.editSomething() }
        case .incremental, .resync:
            tally.cacheDamage[try world.damageCache().rawValue, default: 0] += 1
            // A person's edit first: the board then leaves that item alone (both sides changing is a
            // conflict for a person by design).
            if case .at(.midPlaneListing, _) = plan.kill, plan.kind == .incremental {
                try await world.handEditInPlane()
            }
            for _ in 0..<2 { try await world.create() }
            for _ in 0..<3 { try await world.editSomething() }
            if Bool.random(using: &world.random) { try await world.deleteSomething() }
        }
        if case .at(.afterPostSent, _) = plan.kill {
            // Plane applies the POST at once and answers late: the kill lands in between.
            for path in Self.workItemPaths {
                await world.simulator.injectFault(
                    FaultRule(method: "POST", pathPrefix: path, action: .applyThenDelay(.milliseconds(700))))
            }
        }
        await injectDrops(world)

        let arguments = plan.kind == .resync ? ["resync", "--yes", "--json"] : ["sync", "--json"]
        var extra: [String: String] = [:]
        if breakEngine { extra["BOARDSYNC_BREAK"] = "skip-lookup-before-post" }
        var crash = extra
        if stopWithSIGTERM { crash["BOARDSYNC_CRASH_SIGNAL"] = "TERM" }
        var killAfter: Duration?
        switch plan.kill {
        case .at(let point, let nth): crash["BOARDSYNC_CRASH_AT"] = "\(point.rawValue):\(nth)"
        case .afterMilliseconds(let milliseconds): killAfter = .milliseconds(milliseconds)
        }
        let environment = try world.environment(crash)
        let child = Task {
            if let killAfter {
                return try await ChildProcess.run(
                    executable, arguments: arguments, environment: environment, killAfter: killAfter,
                    signal: stopWithSIGTERM ? SIGTERM : SIGKILL)
            }
            return try await ChildProcess.run(executable, arguments: arguments, environment: environment)
        }
        // The board keeps changing while the run is under way.
        for _ in 0..<2 {
            try await Task.sleep(for: .milliseconds(Int.random(in: 0...200, using: &world.random)))
            try await world.editSomething()
        }
        let killed = try await child.value
        tally.runs += 1
        var check = CrashTrialCheck()
        if stopWithSIGTERM { try await checkCleanStop(killed, world: world, into: &check) }
        if plan.kind == .clockAhead {
            // A writer with a right clock adds an item: the runs below must reach it, however far ahead the
            // other writer stamped its edits.
            world.clockAhead = 0
            try await world.create()
        }
        if killed.status == 9 || killed.status == 137 || (stopWithSIGTERM && killed.status == 143) {
            tally.killed[plan.pointName, default: 0] += 1
        } else {
            tally.finishedFirst[plan.pointName, default: 0] += 1
        }
        await world.simulator.clearFaults()
        await injectDrops(world)

        // Again until a run completes; a second completed run only when the first left work (a child
        // waiting for its parent created in that run).
        var completed = 0
        var attempts = 0
        while completed < 2 && attempts < 40 {
            attempts += 1
            let result = try await ChildProcess.run(
                executable, arguments: arguments, environment: try world.environment(extra))
            tally.runs += 1
            if result.status == 75 {
                if stopWithSIGTERM {
                    check.uncleanStops += 1
                    check.details.append(
                        "the run after a SIGTERM was refused the lease (75): \(result.errors.prefix(200))")
                }
                // A lease the killed run left behind: wait for it to expire (or be released).
                let leases = LeaseStore(database: world.database)
                _ = await eventually(within: .seconds(30)) {
                    guard let lease = try? await leases.current("plane-acme") else { return true }
                    return lease.releasedAt != nil || (lease.expiresAt ?? .distantPast) <= Date()
                }
                continue
            }
            guard result.status == 0 || result.status == 3 else {
                check.details.append("a run exited \(result.status): \(result.errors.prefix(300))")
                continue
            }
            completed += 1
            check = try await CrashTrialCheck.run(world, metadata: metadata)
            if check.passed { break }
            if completed == 1 { tally.secondRuns += 1 }
        }
        if completed == 0 {
            check.missing += 1
            check.details.append("no run completed")
        }
        check.details = check.details.map { "trial \(tally.trials) (\(plan.kind), \(plan.pointName)): \($0)" }
        tally.check.add(check)
        await world.simulator.clearFaults()
        world.frozen = nil
    }

    /// A run sent SIGTERM stops at a safe point: 143 (0 or 3 if it was over first; 15 only if the signal
    /// came before it could trap it, when it holds nothing), its lease released.
    private func checkCleanStop(
        _ stopped: ChildProcess.Result, world: CrashTrialWorld, into check: inout CrashTrialCheck
    )
        async throws
    {
        let lease = try await world.database.collection(CollectionNames.leases).findOne(["_id": "plane-acme"])
        let held = lease != nil && (lease?["released_at"]?.isNull ?? true)
        if ![143, 0, 3, 15].contains(stopped.status) || held {
            check.uncleanStops += 1
            check.details.append(
                "stopped with SIGTERM: exit \(stopped.status), lease \(held ? "still held" : "released"): "
                    + "\(stopped.errors.suffix(300))")
        }
    }

    static func metadata(_ world: CrashTrialWorld) async throws -> [String: PlaneMetadata] {
        try await metadata(world.database)
    }

    static func metadata(_ database: MongoDatabase) async throws -> [String: PlaneMetadata] {
        let integration = try await IntegrationLoader(database: database).load(id: "plane-acme")
        let client = PlaneClient(
            configuration: PlaneClientConfiguration(
                baseURL: integration.apiRoot, apiKey: try integration.apiKey(),
                workspaceSlug: integration.workspaceSlug, rateLimit: integration.rateLimit),
            logger: Logger(label: "test"))
        return try await PlaneMetadataLoader(client: client).load(projects: integration.projects.map(\.planeProjectId))
            .projects
    }
}

/// What a set of crash trials did and found.
struct CrashTrialTally: Sendable {
    var trials = 0
    var runs = 0
    /// Trials whose run was killed, by point (`random` for random moments).
    var killed: [String: Int] = [:]
    /// Trials whose run finished before its kill came.
    var finishedFirst: [String: Int] = [:]
    var secondRuns = 0
    /// What was done to the cache before each trial's run, by kind (``CrashTrialWorld/CacheDamage``); an
    /// initial trial starts without one.
    var cacheDamage: [String: Int] = [:]
    var check = CrashTrialCheck()
    var seconds = 0.0

    mutating func add(_ other: CrashTrialTally) {
        trials += other.trials
        runs += other.runs
        killed.merge(other.killed, uniquingKeysWith: +)
        finishedFirst.merge(other.finishedFirst, uniquingKeysWith: +)
        secondRuns += other.secondRuns
        cacheDamage.merge(other.cacheDamage, uniquingKeysWith: +)
        check.add(other.check)
    }

    var report: String {
        let points = CrashPoint.allCases.map { "\($0.rawValue) \(killed[$0.rawValue] ?? 0)" }.joined(separator: ", ")
        let random = "random moments \(killed["random"] ?? 0) killed, \(finishedFirst["random"] ?? 0) finished first"
        let missed = finishedFirst.filter { $0.key != "random" }.map { "\($0.key) \($0.value)" }.sorted()
        var lines = [
            "crash trials: \(trials) trials, \(runs) runs of boardsync, \(Int(seconds)) s",
            "  kills per named point: \(points)",
            "  cache before the run: "
                + CrashTrialWorld.CacheDamage.allCases.map { "\($0.rawValue) \(cacheDamage[$0.rawValue] ?? 0)" }
                .joined(separator: ", "),
            "  \(random)" + (missed.isEmpty ? "" : "; named points not reached: \(missed.joined(separator: ", "))"),
            "  duplicates \(check.duplicates), lost updates \(check.lostUpdates), missing \(check.missing), "
                + "orphans \(check.orphans), bad links \(check.badLinks), unclean stops \(check.uncleanStops); "
                + "\(secondRuns) trials needed a second completed run",
        ]
        lines += check.details.prefix(15).map { "  - \($0)" }
        return lines.joined(separator: "\n")
    }
}
