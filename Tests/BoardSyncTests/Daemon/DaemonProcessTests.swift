import BoardSyncTestSupport
import Foundation
import MongoDriver
import PlaneSimulator
import Testing

@testable import BoardSync

/// `boardsync run` as real processes against the simulator over HTTP: leases shared by several workers,
/// a killed holder replaced, SIGTERM in the middle of a run, the change stream as the trigger.
@Suite(.serialized) struct DaemonProcessTests {
    /// Short, but long enough that a loaded machine's slow renewals do not lose it.
    static let leaseFlags = ["--lease-duration", "5", "--lease-renew", "0.5"]
    /// A replica silent for 3 s is gone: a killed daemon's integrations move within 3 s.
    static let heartbeatFlags = ["--heartbeat", "3s"]

    static func environment(_ database: MongoDatabase) throws -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["BOARDSYNC_MONGODB_URI"] = try TestServer.uri()
        environment["BOARDSYNC_DATABASE"] = database.name
        return environment
    }

    static func daemon(_ database: MongoDatabase, _ arguments: [String]) throws -> RunningProcess {
        try RunningProcess.start(
            try BuiltExecutable.url(named: "boardsync"), arguments: ["run"] + leaseFlags + heartbeatFlags + arguments,
            environment: try environment(database))
    }

    /// Polls `condition` until it holds or `timeout` passes.
    static func eventually(_ timeout: Duration, _ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(20))
        }
        return try await condition()
    }

    static func slowWrites(_ simulator: PlaneSimulator, _ delay: Duration) async {
        for method in ["POST", "PATCH"] {
            await simulator.injectFault(
                FaultRule(method: method, pathPrefix: SyncWorld.workItems, action: .delay(delay)))
        }
    }

    static func token(_ request: PlaneSimulator.LoggedRequest) -> String? { request.headers["x-boardsync-lease"] }

    /// Each token's writes in one block: once another token wrote, the first never writes again.
    static func blocks(_ writes: [PlaneSimulator.LoggedRequest]) -> [String] {
        var blocks: [String] = []
        for write in writes where blocks.last != token(write) { blocks.append(token(write) ?? "none") }
        return blocks
    }

    /// Fencing tokens and their holders, from the `board.sync.run.started` events recorded with each lease.
    static func holders(_ database: MongoDatabase) async throws -> [String: String] {
        var holders: [String: String] = [:]
        for try await event in database.collection(CollectionNames.events).find(["subject": "board.sync.run.started"]) {
            if let token = event.value(at: "details.lease_token")?.stringValue {
                holders[token] = event.value(at: "details.lease_holder")?.stringValue
            }
        }
        return holders
    }

    static func liveItems(_ simulator: PlaneSimulator) async -> [SimJSON] {
        await simulator.storedItems().filter { $0["deleted_at"]?.isNull ?? true }
    }

    @Test func twoDaemonsAndAResyncTakeTurnsWithoutInterleavingOrDuplicates() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            await Self.slowWrites(simulator, .milliseconds(20))
            let first = try Self.daemon(database, ["--interval", "1s"])
            let second = try Self.daemon(database, ["--interval", "1s"])
            // Board edits all along, so that every holder has something to write: each once Plane received
            // another write since the last edit (at most a second apart when nothing is written).
            let editor = Task {
                for round in 0..<24 {
                    try await SyncWorld.edit(
                        database, SyncWorld.hex(String(format: "%02x", 1 + round % 20)),
                        ["title": .string("Edit \(round)")])
                    let written = SyncWorld.writes(await simulator.requestLog()).count
                    _ = try await Self.eventually(.seconds(1)) {
                        SyncWorld.writes(await simulator.requestLog()).count > written
                    }
                }
            }
            // The resync comes once a daemon is writing, so that it has to wait for the lease.
            #expect(try await Self.eventually(.seconds(60)) { !SyncWorld.writes(await simulator.requestLog()).isEmpty })
            let resyncProcess = try RunningProcess.start(
                try BuiltExecutable.url(named: "boardsync"),
                arguments: ["resync", "--yes", "--wait"] + Self.leaseFlags,
                environment: try Self.environment(database))
            guard let resync = await resyncProcess.wait(atMost: .seconds(120)) else {
                for process in [resyncProcess, first, second] { process.signal(SIGKILL) }
                Issue.record("resync --wait never got the lease: \(resyncProcess.errorsSoFar.suffix(2000))")
                return
            }
            try await editor.value
            // The daemons converge on the last edit (slowly on a loaded machine), then stop.
            let converged = try await Self.eventually(.seconds(60)) {
                let live = await Self.liveItems(simulator)
                return live.count == 62 && live.contains { $0["name"]?.stringValue == "Edit 23" }
            }
            #expect(converged)
            first.signal(SIGTERM)
            second.signal(SIGTERM)
            let firstEnd = await first.wait(atMost: .seconds(15))
            let secondEnd = await second.wait(atMost: .seconds(15))
            #expect(firstEnd?.status == 0, "\(first.errorsSoFar.suffix(2000))")
            #expect(secondEnd?.status == 0, "\(second.errorsSoFar.suffix(2000))")
            #expect(resync.status == 0 || resync.status == 3, "\(resync.errors)")

            let writes = SyncWorld.writes(await simulator.requestLog())
            #expect(writes.count >= 62)
            #expect(writes.allSatisfy { Self.token($0) != nil }, "a write without the lease header")
            let blocks = Self.blocks(writes)
            #expect(Set(blocks).count == blocks.count, "writes of two holders interleave: \(blocks)")
            // Every token is one acquisition, recorded with its holder. The daemons and the resync took the
            // lease in turn (the integration's replica runs it; the resync writes what is left, which may be
            // nothing once the daemon has converged).
            let holders = try await Self.holders(database)
            let tokens = Set(writes.compactMap(Self.token))
            #expect(tokens.allSatisfy { holders[$0] != nil })
            let writers = Set(tokens.compactMap { holders[$0] })
            let takers = Set(holders.values)
            #expect(
                takers.contains { $0.contains("(run)") } && takers.contains { $0.contains("(resync)") },
                "lease taken by \(takers); first: \(first.errorsSoFar.suffix(3000)) second: \(second.errorsSoFar.suffix(3000))"
            )
            print("\(writes.count) writes in \(blocks.count) turns by \(writers.count) processes: \(writers.sorted())")
            #expect(writers.allSatisfy { $0.contains("(run)") || $0.contains("(resync)") })
            #expect(await SyncWorld.duplicateExternalIds(simulator).isEmpty)
            #expect(await Self.liveItems(simulator).count == 62)
            let live = await Self.liveItems(simulator)
            #expect(live.contains { $0["name"]?.stringValue == "Edit 23" })
            let lease = try await LeaseStore(database: database).current("plane-acme")
            #expect(lease?.releasedAt != nil)
        }
    }

    @Test func aHolderKilledWithSIGKILLIsReplacedOnceItsLeaseExpires() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            await Self.slowWrites(simulator, .milliseconds(60))
            let victim = try Self.daemon(database, ["--interval", "1h"])
            #expect(
                try await Self.eventually(.seconds(30)) { SyncWorld.writes(await simulator.requestLog()).count >= 10 })
            victim.signal(SIGKILL)
            let killedAt = Date()
            _ = await victim.wait(atMost: .seconds(15))
            let victimToken = try #require(SyncWorld.writes(await simulator.requestLog()).last.flatMap(Self.token))
            let heir = try Self.daemon(database, ["--interval", "1h"])
            #expect(
                try await Self.eventually(.seconds(40)) {
                    try await database.collection(CollectionNames.boardLinks).countDocuments(["state": "synced"]) == 62
                })
            heir.signal(SIGTERM)
            let heirEnd = await heir.wait(atMost: .seconds(15))
            #expect(heirEnd?.status == 0, "\(heir.errorsSoFar.suffix(2000))")

            let writes = SyncWorld.writes(await simulator.requestLog())
            let heirWrites = writes.filter { Self.token($0) != victimToken }
            let takeover = try #require(heirWrites.first).time.timeIntervalSince(killedAt)
            // The victim renewed at most 0.5 s before it died and its lease lasts 5 s.
            #expect(takeover >= 4.4, "took over after \(takeover) s, before the lease expired")
            #expect(takeover < 15, "took over only after \(takeover) s")
            #expect(Self.blocks(writes).count == 2)
            #expect(heir.errorsSoFar.contains("waiting: integration plane-acme is being synced by"))
            #expect(await SyncWorld.duplicateExternalIds(simulator).isEmpty)
            #expect(await Self.liveItems(simulator).count == 62)
            print("takeover after SIGKILL: \(String(format: "%.2f", takeover)) s (lease 5 s, renewal 0.5 s)")
        }
    }

    @Test func sigtermInTheMiddleOfARunExitsZeroPromptlyWithTheCheckpointSavedAndTheLeaseReleased() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            await Self.slowWrites(simulator, .milliseconds(60))
            let daemon = try Self.daemon(database, ["--interval", "1h"])
            #expect(
                try await Self.eventually(.seconds(30)) { SyncWorld.writes(await simulator.requestLog()).count >= 10 })
            daemon.signal(SIGTERM)
            let signalled = ContinuousClock.now
            let end = await daemon.wait(atMost: .seconds(15))
            let elapsed = ContinuousClock.now - signalled
            #expect(end?.status == 0, "\(daemon.errorsSoFar.suffix(2000))")
            #expect(elapsed < .seconds(3), "took \(elapsed) to stop")

            let writes = SyncWorld.writes(await simulator.requestLog())
            #expect(writes.count < 62, "the run was not stopped in the middle")
            let links = database.collection(CollectionNames.boardLinks)
            // The item in flight was finished: every POST made has its link. A stop that cut the wait on the
            // rate budget between an item's `creating` link and its POST leaves that one link (no POST was
            // sent; the next run's lookup settles it), as a loaded machine sometimes shows.
            #expect(try await links.countDocuments(["state": "synced"]) == writes.count)
            #expect(try await links.countDocuments(["state": "creating"]) <= 1)
            let integration = try await database.collection(CollectionNames.integrations).findOne(["_id": "plane-acme"])
            #expect(integration?.value(at: "sync_state.last_success_at")?.dateValue != nil, "no checkpoint saved")
            #expect(integration?.value(at: "sync_state.cursor")?.dateValue != nil)
            let lease = try #require(try await LeaseStore(database: database).current("plane-acme"))
            #expect(lease.releasedAt != nil, "the lease was not released")

            // The next run takes the rest from the checkpoint, with no duplicate.
            let rest = try await CLITests.boardsync(["sync"], database: database.name)
            #expect(rest.status == 3, "\(rest.errors)")
            #expect(await SyncWorld.duplicateExternalIds(simulator).isEmpty)
            #expect(await Self.liveItems(simulator).count == 62)
            print("SIGTERM to exit: \(elapsed) after \(writes.count) of 62 creates")
        }
    }

    @Test func theDaemonServesItsRunsAsMetricsWithProbes() async throws {
        try await SyncEndToEndTests.withWorld { database, _, _ in
            let port = try FreePort.next()
            let daemon = try Self.daemon(database, ["--interval", "1h", "--metrics-port", "\(port)"])
            defer { daemon.signal(SIGKILL) }
            let base = try #require(URL(string: "http://127.0.0.1:\(port)"))
            var scraped = ""
            let sampled = try await Self.eventually(.seconds(60)) {
                guard let scrape = try? await MetricsEndpointTests.get(base.appendingPathComponent("metrics")) else {
                    return false
                }
                scraped = scrape.body
                return MetricsEndpointTests.sample(
                    scrape.body, "boardsync_items_total", ["integration": "plane-acme", "outcome": "created"]) == 62
            }
            #expect(sampled, "\(scraped)\n\(daemon.errorsSoFar.suffix(2000))")
            #expect(scraped.contains("boardsync_plane_requests_total{"))
            #expect(try await MetricsEndpointTests.get(base.appendingPathComponent("healthz")).status == 200)
            #expect(try await MetricsEndpointTests.get(base.appendingPathComponent("readyz")).status == 200)
            daemon.signal(SIGTERM)
            #expect(await daemon.wait(atMost: .seconds(15))?.status == 0)
        }
    }

    @Test func aBoardEditReachesPlaneThroughTheChangeStreamWithinSeconds() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            let daemon = try Self.daemon(database, ["--interval", "1h"])
            // The stream opens before the first run, so no edit falls between them.
            #expect(try await Self.eventually(.seconds(30)) { daemon.errorsSoFar.contains("sync done") })
            let log = daemon.errorsSoFar
            let watching = try #require(log.range(of: "watching board_items"), "\(log.suffix(3000))")
            #expect(watching.lowerBound < (try #require(log.range(of: "sync done"))).lowerBound)
            #expect(await Self.liveItems(simulator).count == 62)
            let id = SyncWorld.hex("05")
            let planeId = try #require(try await SyncWorld.planeItem(simulator, externalId: id)["id"]?.stringValue)
            try await SyncWorld.edit(database, id, ["title": "Edited on the board, seen by the change stream"])
            let edited = ContinuousClock.now
            let arrived = try await Self.eventually(.seconds(15)) {
                await simulator.storedItem(planeId)?["name"]?.stringValue
                    == "Edited on the board, seen by the change stream"
            }
            let latency = ContinuousClock.now - edited
            #expect(arrived)
            #expect(latency < .seconds(5), "edit to Plane took \(latency)")
            #expect(try await Self.eventually(.seconds(5)) { daemon.errorsSoFar.contains("trigger=change") })
            daemon.signal(SIGTERM)
            let end = await daemon.wait(atMost: .seconds(15))
            #expect(end?.status == 0)
            print("edit-to-Plane latency through the change stream: \(latency) (debounce 500 ms)")
        }
    }

    @Test func aFullResyncComesEveryFullEveryAndABadDurationIsExitTwo() async throws {
        try await SyncEndToEndTests.withWorld { database, _, _ in
            let daemon = try Self.daemon(database, ["--interval", "1h", "--full-every", "1s"])
            let resynced = try await Self.eventually(.seconds(20)) { daemon.errorsSoFar.contains("resync done") }
            #expect(resynced, "\(daemon.errorsSoFar.suffix(2000))")
            daemon.signal(SIGINT)
            #expect(await daemon.wait(atMost: .seconds(15))?.status == 0)
            let modes = try await database.collection(CollectionNames.events).find([
                "subject": "board.sync.run.started"
            ]).reduce(into: [String]()) { $0.append($1.value(at: "details.mode")?.stringValue ?? "") }
            #expect(modes.first == "sync" && modes.contains("resync"))

            let bad = try await ChildProcess.run(
                try BuiltExecutable.url(named: "boardsync"), arguments: ["run", "--interval", "soon"],
                environment: try Self.environment(database))
            // argument-parser words it; its help line says what is accepted.
            #expect(bad.status == 2 && bad.errors.contains("The value 'soon' is invalid for '--interval <duration>'"))
            #expect(bad.errors.contains("A duration: 250ms, 90s, 5m, 1h30m, 1d, or plain seconds."))
            let short = try await ChildProcess.run(
                try BuiltExecutable.url(named: "boardsync"), arguments: ["run", "--heartbeat", "100ms"],
                environment: try Self.environment(database))
            #expect(
                short.status == 2 && short.errors.contains("--heartbeat 100ms is too short; it must be at least 300ms"))
        }
    }

    @Test func theIntervalHasJitterWithinItsBounds() {
        let schedule = DaemonSchedule(interval: .seconds(100), jitter: 0.1)
        var generator = SeededGenerator(seed: 3)
        let waits = (0..<200).map { _ in schedule.nextInterval(using: &generator) }
        #expect(waits.allSatisfy { $0 >= .seconds(90) && $0 <= .seconds(110) })
        #expect(Set(waits).count > 100)
        var again = SeededGenerator(seed: 3)
        #expect(DaemonSchedule(interval: .seconds(5), jitter: 0).nextInterval(using: &again) == .seconds(5))
    }
}
