import BoardSyncTestSupport
import Foundation
import MongoDriver
import PlaneSimulator
import Testing

@testable import BoardSync

/// Two `boardsync run` processes share four integrations (issue 17.2): two each; one killed, the other
/// takes all four within a heartbeat period; no duplicate across it; a manual resync runs meanwhile.
@Suite(.serialized) struct DaemonReplicasTests {
    /// The integrations a daemon announced it serves, from `status --json`.
    static func serving(_ database: MongoDatabase) async throws -> [String: [String]] {
        let report = try await DaemonFollowsIntegrationsTests.status(database)
        var serving: [String: [String]] = [:]
        for replica in report["replicas"] as? [[String: Any]] ?? [] where replica["live"] as? Bool == true {
            serving[replica["id"] as? String ?? "?"] = replica["serving"] as? [String] ?? []
        }
        return serving
    }

    /// The replica id a daemon announced at start (`replica ID (HOLDER): every enabled integration, ...`).
    static func replicaId(_ daemon: RunningProcess) -> String? {
        let line = daemon.errorsSoFar.split(separator: "\n").first { $0.contains("): every enabled integration") }
        guard let line, let start = line.range(of: "replica ") else { return nil }
        return line[start.upperBound...].split(separator: " ").first.map(String.init)
    }

    /// Every item of every integration in Plane, with the title it has on the board.
    static func converged(_ simulator: PlaneSimulator, titles: [String: String]) async -> Bool {
        for number in 1...4 {
            let items = await FleetWorld.planeItems(simulator, number)
            guard items.count == FleetWorld.itemsPerProject else { return false }
            for item in items {
                let id = item["external_id"]?.stringValue ?? ""
                if let title = titles[id], item["name"]?.stringValue != title { return false }
            }
        }
        return true
    }

    @Test func twoDaemonsShareFourIntegrationsAndOneTakesAllWhenTheOtherIsKilled() async throws {
        try await FleetWorld.withFleet(projects: 4, inserted: [1, 2, 3, 4]) { database, simulator in
            let first = try DaemonProcessTests.daemon(database, ["--interval", "2s"])
            let second = try DaemonProcessTests.daemon(database, ["--interval", "2s"])
            defer {
                first.signal(SIGKILL)
                second.signal(SIGKILL)
            }
            // Two each, as both say in their heartbeats.
            var split: [String: [String]] = [:]
            let shared = try await DaemonProcessTests.eventually(.seconds(60)) {
                split = try await Self.serving(database)
                return split.count == 2 && split.values.allSatisfy { $0.count == 2 }
                    && Set(split.values.flatMap { $0 }).count == 4
            }
            #expect(shared, "\(split)\n\(first.errorsSoFar.suffix(2000))\n\(second.errorsSoFar.suffix(2000))")
            #expect(
                try await DaemonProcessTests.eventually(.seconds(60)) { await Self.converged(simulator, titles: [:]) })
            let status = try await CLITests.boardsync(["status"], database: database.name)
            #expect(status.output.contains("daemon replicas (each integration is served by one"), "\(status.output)")
            #expect(status.output.components(separatedBy: ": live, last heartbeat").count - 1 == 2)

            // A manual resync while both daemons are up takes its turn under the lease.
            let resync = try await CLITests.boardsync(
                ["resync", "--yes", "--wait", "--integration", "fleet-1"] + DaemonProcessTests.leaseFlags,
                database: database.name)
            #expect(resync.status == 0, "\(resync.errors)")

            // Edits everywhere, then the first daemon is killed (maybe in the middle of a run).
            var titles: [String: String] = [:]
            for number in 1...4 {
                try await FleetWorld.retitle(database, number, 2, "Before the kill \(number)")
                titles[FleetWorld.item(number, 2)] = "Before the kill \(number)"
            }
            let victim = try #require(Self.replicaId(first), "the first daemon's replica id is not in its log")
            let survivor = try #require(split.keys.first { $0 != victim })
            let moving = split[victim] ?? []
            let before = moving.map { FleetWorld.count("serving \($0) (", in: second) }
            first.signal(SIGKILL)
            let takeover = try await FleetWorld.time(.seconds(30)) {
                zip(moving, before).allSatisfy { FleetWorld.count("serving \($0.0) (", in: second) > $0.1 }
            }
            _ = await first.wait(atMost: .seconds(15))
            let took = try #require(takeover, "\(second.errorsSoFar.suffix(3000))")
            // The heartbeat period is 3 s (DaemonProcessTests.heartbeatFlags); a second of slack for a loaded machine.
            #expect(took < .seconds(4), "took over after \(took)")
            for number in 1...4 {
                try await FleetWorld.retitle(database, number, 3, "After the kill \(number)")
                titles[FleetWorld.item(number, 3)] = "After the kill \(number)"
            }
            #expect(
                try await DaemonProcessTests.eventually(.seconds(60)) {
                    await Self.converged(simulator, titles: titles)
                },
                "\(second.errorsSoFar.suffix(3000))")
            // Its next heartbeat announces all four; the killed one is no longer live.
            #expect(
                try await DaemonProcessTests.eventually(.seconds(10)) {
                    try await Self.serving(database) == [survivor: ["fleet-1", "fleet-2", "fleet-3", "fleet-4"]]
                })
            #expect(await FleetWorld.duplicates(simulator).isEmpty)

            second.signal(SIGTERM)
            #expect(await second.wait(atMost: .seconds(15))?.status == 0)
            let after = try await CLITests.boardsync(["status"], database: database.name)
            #expect(after.output.contains("\(survivor) ") && after.output.contains(": stopped "), "\(after.output)")
            #expect(after.output.contains("served by: no live daemon replica"))
            print("takeover of four integrations after SIGKILL: \(took) (heartbeat 3 s)")
        }
    }
}
