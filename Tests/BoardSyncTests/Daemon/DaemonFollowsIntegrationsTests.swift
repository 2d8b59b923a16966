import BoardSyncTestSupport
import Foundation
import MongoDriver
import PlaneSimulator
import Testing

@testable import BoardSync

/// `boardsync run` as a process, following the `integrations` collection while it runs (issue 17.1): an
/// integration inserted, disabled, re-enabled, its mapping changed, made invalid, fixed and deleted is
/// each observed within 10 s, and a rotated key file is used by the next run.
@Suite(.serialized) struct DaemonFollowsIntegrationsTests {
    /// Waits for `text` to appear in the log once more than `before` times; how long it took.
    static func logged(_ text: String, after before: Int, in daemon: RunningProcess) async throws -> Duration? {
        try await FleetWorld.time(.seconds(30)) { FleetWorld.count(text, in: daemon) > before }
    }

    static func status(_ database: MongoDatabase) async throws -> [String: Any] {
        let result = try await CLITests.boardsync(["status", "--json"], database: database.name)
        return try #require(
            try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any],
            "\(result.status) \(result.output) \(result.errors)")
    }

    static func integrationStatus(_ report: [String: Any], _ id: String) -> [String: Any]? {
        (report["integrations"] as? [[String: Any]])?.first { $0["integration"] as? String == id }
    }

    /// With change streams, and without (`--no-watch`, as on a standalone server: the integrations are read
    /// every 5 s, the board synced on a 2 s interval).
    @Test(arguments: [true, false])
    func eachChangeToTheIntegrationsIsFollowedWithinSeconds(watch: Bool) async throws {
        try await FleetWorld.withFleet(projects: 2, inserted: []) { database, simulator in
            let keyFile = FileManager.default.temporaryDirectory.appendingPathComponent(
                "fleet-key-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: keyFile) }
            try Data((FleetWorld.botKey + "\n").utf8).write(to: keyFile)
            let integrations = database.collection(CollectionNames.integrations)
            try await integrations.insertOne(
                FleetWorld.document(1, baseURL: simulator.baseURL, credentials: ["api_key_file": .string(keyFile.path)])
            )
            let port = try FreePort.next()
            let schedule = watch ? ["--interval", "1h"] : ["--interval", "2s", "--no-watch"]
            let daemon = try DaemonProcessTests.daemon(database, schedule + ["--metrics-port", "\(port)"])
            defer { daemon.signal(SIGKILL) }
            var figures: [String] = []
            func observed(_ what: String, _ took: Duration?) {
                #expect(
                    took != nil && took! < .seconds(10),
                    "\(what): \(String(describing: took))\n\(daemon.errorsSoFar.suffix(3000))")
                figures.append("\(what) \(took.map { "\($0)" } ?? "never")")
            }
            #expect(
                try await DaemonProcessTests.eventually(.seconds(60)) {
                    await FleetWorld.planeItems(simulator, 1).count == FleetWorld.itemsPerProject
                }, "\(daemon.errorsSoFar.suffix(3000))")

            // Inserted: served, and its items mirrored, within seconds.
            try await integrations.insertOne(FleetWorld.document(2, baseURL: simulator.baseURL))
            observed("inserted", try await Self.logged("serving fleet-2", after: 0, in: daemon))
            #expect(
                try await DaemonProcessTests.eventually(.seconds(30)) {
                    await FleetWorld.planeItems(simulator, 2).count == FleetWorld.itemsPerProject
                })

            // Disabled: stops after the run in flight, lease released; its board edits stay out of Plane.
            try await FleetWorld.set(database, 2, ["enabled": false])
            observed("disabled", try await Self.logged("fleet-2 was disabled", after: 0, in: daemon))
            // Its run in flight, if any, finishes and gives the lease back.
            #expect(
                try await DaemonProcessTests.eventually(.seconds(10)) {
                    try await LeaseStore(database: database).current("fleet-2")?.releasedAt != nil
                })
            try await FleetWorld.retitle(database, 2, 2, "Edited while disabled")
            try await FleetWorld.retitle(database, 1, 2, "Edited next to a disabled one")
            #expect(
                try await DaemonProcessTests.eventually(.seconds(30)) {
                    await FleetWorld.planeItem(simulator, 1, 2)?["name"]?.stringValue == "Edited next to a disabled one"
                })
            #expect(await FleetWorld.planeItem(simulator, 2, 2)?["name"]?.stringValue == "Fleet 2 item 2")

            // Re-enabled: served again, and the edit made meanwhile reaches Plane.
            try await FleetWorld.set(database, 2, ["enabled": true])
            observed("re-enabled", try await Self.logged("serving fleet-2", after: 1, in: daemon))
            #expect(
                try await DaemonProcessTests.eventually(.seconds(30)) {
                    await FleetWorld.planeItem(simulator, 2, 2)?["name"]?.stringValue == "Edited while disabled"
                })

            // The mapping changed (todo → Backlog, version kept): said in the log; the next run reads the whole
            // board and moves every todo item, the one edited since and the ones nobody touched alike.
            try await FleetWorld.set(database, 2, ["mapping.status.todo": "Backlog"])
            observed("mapping changed", try await Self.logged("fleet-2 changed (mapping.status)", after: 0, in: daemon))
            #expect(daemon.errorsSoFar.contains("the next run reads the whole board"))
            try await FleetWorld.retitle(database, 2, 3, "Edited after the mapping changed")
            let backlog = try #require(
                FleetWorld.seed(projects: 2).projects[1].states.first { $0.name == "Backlog" }?.id)
            #expect(
                try await DaemonProcessTests.eventually(.seconds(30)) {
                    let edited = await FleetWorld.planeItem(simulator, 2, 3)
                    let untouched = await FleetWorld.planeItem(simulator, 2, 2)
                    return edited?["name"]?.stringValue == "Edited after the mapping changed"
                        && edited?["state"]?.stringValue == backlog && untouched?["state"]?.stringValue == backlog
                })

            // Made invalid: named in the log, the metrics and `status`; the other keeps running.
            try await FleetWorld.set(database, 2, ["rate_limit": 60])
            observed(
                "made invalid",
                try await Self.logged("not served: integrations document \"fleet-2\"", after: 0, in: daemon))
            let metrics = try await MetricsEndpointTests.get(URL(string: "http://127.0.0.1:\(port)/metrics")!)
            #expect(
                MetricsEndpointTests.sample(metrics.body, "boardsync_integration_refused", ["integration": "fleet-2"])
                    == 1)
            #expect(
                MetricsEndpointTests.sample(metrics.body, "boardsync_integration_served", ["integration": "fleet-1"])
                    == 1)
            let refused = (try await Self.status(database))["refused"] as? [[String: Any]]
            let problems = refused?.first { $0["integration"] as? String == "fleet-2" }?["problems"] as? [[String: Any]]
            #expect(
                problems?.contains { $0["field"] as? String == "rate_limit" } == true, "\(String(describing: refused))")
            try await FleetWorld.retitle(database, 1, 3, "Still served while the other is broken")
            #expect(
                try await DaemonProcessTests.eventually(.seconds(30)) {
                    await FleetWorld.planeItem(simulator, 1, 3)?["name"]?.stringValue
                        == "Still served while the other is broken"
                })

            // Fixed: served again.
            try await integrations.updateOne(["_id": "fleet-2"], ["$unset": ["rate_limit": ""]])
            observed("fixed", try await Self.logged("serving fleet-2", after: 2, in: daemon))
            #expect(daemon.errorsSoFar.contains("fleet-2 can be served again"))

            // Deleted: stops.
            try await integrations.deleteOne(["_id": "fleet-2"])
            observed("deleted", try await Self.logged("fleet-2 was deleted", after: 0, in: daemon))

            // The key file rotated (to nora's key): the next run sends the new key.
            try Data((FleetWorld.noraKey + "\n").utf8).write(to: keyFile)
            if !watch {
                // On the 2 s interval a run may be in flight, holding the old key: edit once one began after.
                let runs = FleetWorld.count("sync done", in: daemon)
                #expect(
                    try await DaemonProcessTests.eventually(.seconds(30)) {
                        FleetWorld.count("sync done", in: daemon) >= runs + 2
                    })
            }
            try await FleetWorld.retitle(database, 1, 4, "Written with the rotated key")
            #expect(
                try await DaemonProcessTests.eventually(.seconds(30)) {
                    let item = await FleetWorld.planeItem(simulator, 1, 4)
                    return item?["name"]?.stringValue == "Written with the rotated key"
                        && item?["updated_by"]?.stringValue == FleetWorld.nora
                })

            daemon.signal(SIGTERM)
            #expect(await daemon.wait(atMost: .seconds(15))?.status == 0)
            #expect(await FleetWorld.duplicates(simulator).isEmpty)
            print("integrations followed (\(watch ? "change stream" : "polling")): \(figures.joined(separator: ", "))")
        }
    }
}
