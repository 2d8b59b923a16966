import Foundation
import PlaneAPI
import TestClocks
import Testing

/// ``URLSessionTransport`` against real sockets: statuses, headers, sub-second timeouts and how
/// a dropped connection or a refused one is classified.
@Suite struct URLSessionTransportTests {
    private func request(_ server: LoopbackServer, method: String = "GET", body: Data? = nil) -> PlaneHTTPRequest {
        PlaneHTTPRequest(
            method: method, url: URL(string: "http://127.0.0.1:\(server.port)/api/v1/users/me/")!,
            headers: ["X-Api-Key": "plane_api_test", "Content-Type": "application/json"], body: body)
    }

    @Test func returnsStatusHeadersAndBody() async throws {
        let server = try LoopbackServer(
            .reply(
                "HTTP/1.1 429 Too Many Requests\r\nContent-Type: application/json\r\nRetry-After: 57\r\n"
                    + "Content-Length: 2\r\nConnection: close\r\n\r\n{}"))
        defer { server.stop() }
        let response = try await URLSessionTransport().send(
            request(server, method: "POST", body: Data("{\"a\":1}".utf8)), timeout: .seconds(5))
        #expect(response.status == 429)
        #expect(response.header("retry-after") == "57")
        #expect(response.header("Retry-After") == "57")
        #expect(response.body == Data("{}".utf8))
        let head = try #require(server.received.first)
        #expect(head.hasPrefix("POST /api/v1/users/me/ HTTP/1.1"))
        #expect(head.lowercased().contains("x-api-key: plane_api_test"))
    }

    @Test func redirectsAreNotFollowed() async throws {
        let server = try LoopbackServer(
            .reply(
                "HTTP/1.1 301 Moved Permanently\r\nLocation: http://127.0.0.1:1/elsewhere/\r\n"
                    + "Content-Length: 0\r\nConnection: close\r\n\r\n"))
        defer { server.stop() }
        let response = try await URLSessionTransport().send(request(server, method: "POST"), timeout: .seconds(5))
        #expect(response.status == 301)
        #expect(server.received.count == 1)
    }

    @Test func subSecondTimeoutIsHonoured() async throws {
        let server = try LoopbackServer(.hang)
        defer { server.stop() }
        let start = ContinuousClock.now
        let error = await #expect(throws: PlaneTransportError.self) {
            try await URLSessionTransport().send(request(server), timeout: .milliseconds(300))
        }
        let elapsed = ContinuousClock.now - start
        #expect(error?.kind == .timeout)
        #expect(elapsed >= .milliseconds(250))
        // Far below URLSession's own 60 s: the timeout is ours. Not tighter: a loaded machine (CI, parallel
        // suites) stretched 300 ms to 2.1 s; the exact instant is theTimeoutRunsOnTheInjectedClock's to check.
        #expect(elapsed < .seconds(15))
    }

    @Test func theTimeoutRunsOnTheInjectedClock() async throws {
        let server = try LoopbackServer(.hang)
        defer { server.stop() }
        let clock = ManualClock(jumpsOnSleep: false)
        let transport = URLSessionTransport(clock: clock)
        let sending = Task { try await transport.send(request(server), timeout: .seconds(30)) }
        #expect(await eventually { clock.sleepersWaiting >= 1 })
        clock.advance(by: .seconds(29))
        #expect(clock.sleepersWaiting == 1)
        clock.advance(by: .seconds(1))
        let error = await #expect(throws: PlaneTransportError.self) { try await sending.value }
        #expect(error?.kind == .timeout)
    }

    @Test func anAnswerCancelsItsTimeout() async throws {
        let server = try LoopbackServer(
            .reply("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"))
        defer { server.stop() }
        let clock = ManualClock(jumpsOnSleep: false)
        let response = try await URLSessionTransport(clock: clock).send(request(server), timeout: .seconds(30))
        #expect(response.status == 200)
        #expect(await eventually { clock.sleepersWaiting == 0 })
    }

    @Test func droppedConnectionIsConnectionLost() async throws {
        let server = try LoopbackServer(.drop)
        defer { server.stop() }
        let error = await #expect(throws: PlaneTransportError.self) {
            try await URLSessionTransport().send(request(server, method: "POST"), timeout: .seconds(5))
        }
        #expect(error?.kind == .connectionLost)
    }

    @Test func answerCutShortIsConnectionLost() async throws {
        let server = try LoopbackServer(.cutShort)
        defer { server.stop() }
        let error = await #expect(throws: PlaneTransportError.self) {
            try await URLSessionTransport().send(request(server, method: "POST"), timeout: .seconds(5))
        }
        #expect(error?.kind == .connectionLost)
        #expect(error?.message.contains("-1 ") == true)
    }

    @Test(arguments: [true, false])
    func aWriteOnAReusedConnectionThatDiesIsResentByLibcurlUnlessFresh(fresh: Bool) async throws {
        let server = try LoopbackServer(.answerFirstThenDrop)
        defer { server.stop() }
        let transport = URLSessionTransport(freshConnectionForWrites: fresh)
        let first = try await transport.send(request(server), timeout: .seconds(5))
        #expect(first.status == 200)
        let error = await #expect(throws: PlaneTransportError.self) {
            try await transport.send(request(server, method: "POST", body: Data("{}".utf8)), timeout: .seconds(2))
        }
        let posts = server.received.filter { $0.hasPrefix("POST ") }.count
        if fresh {
            #expect(error?.kind == .connectionLost)
            #expect(posts == 1)
        } else {
            // libcurl's "Connection died, retrying a fresh connect": the POST went out twice
            #expect(posts == 2)
        }
    }

    @Test func refusedConnectionIsNotSent() async throws {
        let server = try LoopbackServer(.drop)
        server.stop()
        let error = await #expect(throws: PlaneTransportError.self) {
            try await URLSessionTransport().send(request(server), timeout: .seconds(5))
        }
        #expect(error?.kind == .notSent)
    }

    @Test func droppedPostThroughTheClientIsOutcomeUnknown() async throws {
        let server = try LoopbackServer(.drop)
        defer { server.stop() }
        let configuration = PlaneClientConfiguration(
            baseURL: URL(string: "http://127.0.0.1:\(server.port)/api/v1")!, apiKey: PlaneAPIKey(makeTestKey()),
            workspaceSlug: "acme", requestTimeout: .seconds(2))
        let client = PlaneClient(configuration: configuration, pacers: PlanePacerRegistry(), logger: silentLogger)
        let error = await planeError { try await client.createWorkItem(project: testProject, .init(name: "x")) }
        #expect(error?.code == .outcomeUnknown)
        #expect(server.received.count == 1)
    }
}
