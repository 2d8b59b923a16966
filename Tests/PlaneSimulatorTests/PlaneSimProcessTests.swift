import BoardSyncTestSupport
import Foundation
import TestClocks
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The `plane-sim` executable as the demo and the benchmarks run it: a real process on a free port.
@Suite struct PlaneSimProcessTests {
    @Test func servesTheSeedAndStopsOnSIGTERM() async throws {
        let root = BuiltExecutable.packageRoot()
        let process = Process()
        process.executableURL = try BuiltExecutable.url(named: "plane-sim")
        process.arguments = [
            "--port", "0", "--rate-limit", "20/second", "--seed",
            root.appendingPathComponent("fixtures/plane-seed.json").path,
        ]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        let line = try await firstLine(of: output, within: .seconds(20))
        let url = try #require(line.split(separator: " ").last.flatMap { URL(string: String($0)) })
        #expect(line.hasPrefix("plane-sim listening on http://127.0.0.1:"))

        var request = URLRequest(url: url.appendingPathComponent("api/v1/users/me/"))
        request.setValue("plane_api_0123456789abcdef0123456789abcdef", forHTTPHeaderField: "X-Api-Key")
        let (data, response) = try await URLSession.shared.data(for: request)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        let me = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        #expect(me?["email"] as? String == "boardsync-bot@acme.example")
        #expect((response as? HTTPURLResponse)?.value(forHTTPHeaderField: "X-RateLimit-Remaining") == "19")

        process.terminate()
        #expect(await eventually { !process.isRunning })
        #expect(process.terminationStatus == 0)
    }

    @Test func postsAWebhookDeliveryToTheURLGivenOnTheCommandLine() async throws {
        let recorder = try await WebhookRecorder.start()
        defer { recorder.stopInBackground() }
        let root = BuiltExecutable.packageRoot()
        let process = Process()
        process.executableURL = try BuiltExecutable.url(named: "plane-sim")
        process.arguments = [
            "--port", "0", "--seed", root.appendingPathComponent("fixtures/plane-seed.json").path, "--webhook",
            recorder.url.absoluteString, "--webhook-secret", WebhookDeliveryTests.secret,
        ]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        let line = try await firstLine(of: output, within: .seconds(20))
        let url = try #require(line.split(separator: " ").last.flatMap { URL(string: String($0)) })

        var request = URLRequest(url: url.appendingPathComponent("api/v1/\(Paths.nexItems)"))
        request.httpMethod = "POST"
        request.setValue("plane_api_0123456789abcdef0123456789abcdef", forHTTPHeaderField: "X-Api-Key")
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(#"{"name": "From the process"}"#.utf8)
        let (_, response) = try await URLSession.shared.data(for: request)
        #expect((response as? HTTPURLResponse)?.statusCode == 201)
        #expect(await eventually(within: .seconds(20)) { !recorder.received.isEmpty })
        let delivery = try #require(recorder.received.first)
        #expect(delivery.header("X-Plane-Signature") == WebhookDeliveryTests.hmac(delivery.body))
        #expect(delivery.text.contains("\"name\": \"From the process\""))
        process.terminate()
        #expect(await eventually { !process.isRunning })
    }

    private func firstLine(of pipe: Pipe, within limit: Duration) async throws -> String {
        let handle = pipe.fileHandleForReading
        return try await withThrowingTaskGroup(of: String.self) { group in
            group.addTask {
                var bytes = Data()
                while let chunk = try handle.read(upToCount: 1), !chunk.isEmpty, chunk != Data("\n".utf8) {
                    bytes.append(chunk)
                }
                return String(decoding: bytes, as: UTF8.self)
            }
            group.addTask {
                try await Task.sleep(for: limit)
                throw CancellationError()
            }
            let line = try await group.next() ?? ""
            group.cancelAll()
            return line
        }
    }
}
