import BoardSyncTestSupport
import Foundation
import MongoDriver
import PlaneSimulator
import Testing

@testable import BoardSync

/// `/readyz` of `boardsync run` as a process: ready once MongoDB answered and the listener is up, unready
/// while MongoDB cannot be reached (cut by a relay the test kills), ready again after; a standby replica
/// that runs nothing is ready, and a Plane outage takes no pod out of service; `/healthz` stays 200.
@Suite(.serialized) struct DaemonReadinessTests {
    /// A TCP relay to the test server on `port`, in a process the test can kill (cutting MongoDB off) and
    /// start again on the same port.
    static func relay(port: Int, to target: Int) throws -> RunningProcess {
        let script = """
            import socket, sys, threading
            def pipe(a, b):
                try:
                    while True:
                        data = a.recv(65536)
                        if not data: break
                        b.sendall(data)
                except OSError: pass
                for s in (a, b):
                    try: s.shutdown(socket.SHUT_RDWR)
                    except OSError: pass
            server = socket.socket()
            server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            server.bind(("127.0.0.1", int(sys.argv[1])))
            server.listen(64)
            print("listening", flush=True)
            while True:
                client, _ = server.accept()
                upstream = socket.create_connection(("127.0.0.1", int(sys.argv[2])))
                for a, b in ((client, upstream), (upstream, client)):
                    threading.Thread(target=pipe, args=(a, b), daemon=True).start()
            """
        let process = try RunningProcess.start(
            URL(fileURLWithPath: "/usr/bin/env"), arguments: ["python3", "-c", script, "\(port)", "\(target)"])
        return process
    }

    static func readyz(_ port: Int) async -> (status: Int, body: String)? {
        guard let answer = try? await MetricsEndpointTests.get(URL(string: "http://127.0.0.1:\(port)/readyz")!)
        else { return nil }
        return (answer.status, answer.body)
    }

    @Test func readyOnceMongoDBAnswersUnreadyWhileItCannotBeReachedAndNotForPlane() async throws {
        try await SyncEndToEndTests.withWorld { database, simulator, _ in
            let server = try #require(URLComponents(string: try TestServer.uri())?.port)
            let relayPort = try FreePort.next()
            var relay = try Self.relay(port: relayPort, to: server)
            defer { relay.signal(SIGKILL) }
            #expect(try await DaemonProcessTests.eventually(.seconds(10)) { relay.outputSoFar.contains("listening") })

            // One daemon reaches MongoDB through the relay, the other directly; one of them serves the only
            // integration, the other stands by.
            let (relayed, direct) = (try FreePort.next(), try FreePort.next())
            var environment = try DaemonProcessTests.environment(database)
            environment["BOARDSYNC_MONGODB_URI"] =
                "mongodb://127.0.0.1:\(relayPort)/?retryWrites=false&serverSelectionTimeoutMS=1000"
            let cut = try RunningProcess.start(
                try BuiltExecutable.url(named: "boardsync"),
                arguments: ["run", "--interval", "1h", "--metrics-port", "\(relayed)"] + DaemonProcessTests.leaseFlags
                    + DaemonProcessTests.heartbeatFlags,
                environment: environment)
            let standby = try DaemonProcessTests.daemon(database, ["--interval", "1h", "--metrics-port", "\(direct)"])
            defer {
                cut.signal(SIGKILL)
                standby.signal(SIGKILL)
            }
            for port in [relayed, direct] {
                #expect(
                    try await DaemonProcessTests.eventually(.seconds(30)) { await Self.readyz(port)?.status == 200 },
                    "port \(port): \((port == relayed ? cut : standby).errorsSoFar.suffix(2000))")
            }

            // A Plane outage: both stay ready.
            await simulator.injectFault(FaultRule(pathPrefix: "/api/v1/", action: .status(503)))
            try await SyncWorld.edit(database, SyncWorld.hex("05"), ["title": "Edited during a Plane outage"])
            #expect(
                try await DaemonProcessTests.eventually(.seconds(30)) {
                    await simulator.requestLog().contains { $0.status == 503 }
                })
            #expect(await Self.readyz(relayed)?.status == 200)
            #expect(await Self.readyz(direct)?.status == 200)
            await simulator.clearFaults()

            // MongoDB cut off from one: it becomes unready and says why; alive all along; the other is unmoved.
            relay.signal(SIGKILL)
            _ = await relay.wait(atMost: .seconds(10))
            var answer: (status: Int, body: String)?
            #expect(
                try await DaemonProcessTests.eventually(.seconds(30)) {
                    answer = await Self.readyz(relayed)
                    return answer?.status == 503
                }, "\(cut.errorsSoFar.suffix(2000))")
            #expect(answer?.body.hasPrefix("not ready: MongoDB unreachable") == true, "\(answer?.body ?? "")")
            #expect(
                try await MetricsEndpointTests.get(URL(string: "http://127.0.0.1:\(relayed)/healthz")!).status == 200)
            #expect(await Self.readyz(direct)?.status == 200)

            // Back: ready again.
            relay = try Self.relay(port: relayPort, to: server)
            #expect(
                try await DaemonProcessTests.eventually(.seconds(30)) { await Self.readyz(relayed)?.status == 200 },
                "\(cut.errorsSoFar.suffix(2000))")
            cut.signal(SIGTERM)
            standby.signal(SIGTERM)
            #expect(await cut.wait(atMost: .seconds(20))?.status == 0)
            #expect(await standby.wait(atMost: .seconds(20))?.status == 0, "\(standby.errorsSoFar.suffix(2000))")
        }
    }
}
