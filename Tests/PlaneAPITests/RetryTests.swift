import Foundation
import PlaneAPI
import TestClocks
import Testing

@Suite struct RetryTests {
    private let ok = PlaneHTTPResponse.json(200, #"{"id": "\#(testItem)", "name": "ok"}"#)
    private let boom = PlaneHTTPResponse.json(502, #"{"error": "bad gateway"}"#)

    @Test func readsRetry5xxWithCappedExponentialBackoff() async throws {
        let transport = ScriptedTransport([.respond(boom), .respond(boom), .respond(boom), .respond(ok)])
        let clock = ManualClock()
        let retry = PlaneRetryPolicy(
            maxAttempts: 5, baseDelay: .seconds(1), maxDelay: .seconds(3), random: { 0.5 })
        let client = makeClient(transport, clock: clock, retry: retry)
        let item = try await client.workItem(project: testProject, id: testItem)
        #expect(item.name == "ok")
        #expect(transport.requests.count == 4)
        // factor 0.5 + 0.5·0.5 = 0.75 on 1 s, 2 s, then 3 s (capped from 4 s)
        #expect(
            clock.sleeps.filter { $0 >= .milliseconds(500) } == [
                .milliseconds(750), .milliseconds(1500), .milliseconds(2250),
            ])
        #expect(client.stats.retries == 3)
        #expect(client.stats.backoffWait == .milliseconds(4500))
    }

    @Test func jitterStaysWithinHalfToFullDelay() {
        let low = PlaneRetryPolicy(baseDelay: .seconds(2), maxDelay: .seconds(60), random: { 0 })
        let high = PlaneRetryPolicy(baseDelay: .seconds(2), maxDelay: .seconds(60), random: { 0.999_999 })
        #expect(low.delay(beforeRetry: 3) == .seconds(4))
        #expect(high.delay(beforeRetry: 3) <= .seconds(8))
        #expect(high.delay(beforeRetry: 3) > .milliseconds(7999))
        #expect(high.delay(beforeRetry: 40) <= .seconds(60))
    }

    @Test func retriesAreBounded() async throws {
        let transport = ScriptedTransport(fallback: .respond(boom))
        let client = makeClient(transport)
        let error = await planeError { try await client.workItem(project: testProject, id: testItem) }
        #expect(error?.code == .serverError)
        #expect(error?.status == 502)
        #expect(error?.attempts == 3)
        #expect(error?.message == "bad gateway")
        #expect(transport.requests.count == 3)
    }

    @Test(arguments: [PlaneTransportError.Kind.timeout, .connectionLost, .notSent])
    func readsAndPatchesAndDeletesRetryNetworkFailures(kind: PlaneTransportError.Kind) async throws {
        let transport = ScriptedTransport([.fail(kind), .respond(ok), .fail(kind), .respond(ok), .fail(kind)])
        let client = makeClient(transport)
        _ = try await client.workItem(project: testProject, id: testItem)
        _ = try await client.updateWorkItem(project: testProject, id: testItem, .init(name: "n"))
        try await client.deleteWorkItem(project: testProject, id: testItem)
        #expect(transport.requests.map(\.method) == ["GET", "GET", "PATCH", "PATCH", "DELETE", "DELETE"])
        #expect(client.stats.requests[.init(method: "GET", endpoint: PlaneClientEndpoints.workItem, status: nil)] == 1)
    }

    @Test func networkFailuresAfterEveryRetryKeepTheirKind() async throws {
        let client = makeClient(ScriptedTransport(fallback: .fail(.timeout)))
        let error = await planeError { try await client.workItem(project: testProject, id: testItem) }
        #expect(error?.code == .timeout)
        #expect(error?.attempts == 3)
        #expect(error?.status == nil)
        let lost = makeClient(ScriptedTransport(fallback: .fail(.connectionLost)))
        #expect(await planeError { try await lost.me() }?.code == .network)
        let tls = makeClient(ScriptedTransport([.fail(.other)]))
        let once = await planeError { try await tls.me() }
        #expect(once?.code == .network)
        #expect(once?.attempts == 1)
    }

    @Test(arguments: [PlaneTransportError.Kind.timeout, .connectionLost])
    func postWhoseAnswerIsLostIsOutcomeUnknownAndNeverResent(kind: PlaneTransportError.Kind) async throws {
        let transport = ScriptedTransport([.fail(kind)], fallback: .respond(ok))
        let client = makeClient(transport)
        let error = await planeError {
            try await client.createWorkItem(
                project: testProject, .init(name: "x", externalSource: "nexus", externalID: "task_1"))
        }
        #expect(error?.code == .outcomeUnknown)
        #expect(error?.method == "POST")
        #expect(error?.attempts == 1)
        #expect(transport.requests.count == 1)
    }

    @Test func postThatGotA5xxIsOutcomeUnknownToo() async throws {
        let transport = ScriptedTransport([
            .respond(.json(500, #"{"error": "Something went wrong please try again later"}"#))
        ])
        let client = makeClient(transport)
        let error = await planeError { try await client.createWorkItem(project: testProject, .init(name: "x")) }
        #expect(error?.code == .outcomeUnknown)
        #expect(error?.status == 500)
        #expect(transport.requests.count == 1)
    }

    @Test func postThatNeverConnectedIsRetried() async throws {
        let transport = ScriptedTransport([.fail(.notSent)], fallback: .respond(.json(201, #"{"id": "new"}"#)))
        let client = makeClient(transport)
        let item = try await client.createWorkItem(project: testProject, .init(name: "x"))
        #expect(item.id == "new")
        #expect(transport.requests.count == 2)
    }

    @Test func deleteWhoseAnswerWasLostIsRetriedAndA404MeansGone() async throws {
        let transport = ScriptedTransport([
            .fail(.connectionLost), .respond(.json(404, #"{"error": "The requested resource does not exist."}"#)),
        ])
        let client = makeClient(transport)
        let error = await planeError { try await client.deleteWorkItem(project: testProject, id: testItem) }
        #expect(error?.code == .notFound)
        #expect(error?.attempts == 2)
        #expect(transport.requests.map(\.method) == ["DELETE", "DELETE"])
    }

    @Test func clientErrorsAreNotRetried() async throws {
        let transport = ScriptedTransport(fallback: .respond(.json(400, #"{"name": ["This field is required."]}"#)))
        let client = makeClient(transport)
        _ = await planeError { try await client.updateWorkItem(project: testProject, id: testItem, .init(name: "")) }
        #expect(transport.requests.count == 1)
    }

    @Test func requestTimeoutIsPassedToTheTransport() async throws {
        let transport = ScriptedTransport([.respond(ok)])
        _ = try await makeClient(transport).workItem(project: testProject, id: testItem)
        #expect(transport.records.first?.timeout == .seconds(2))
    }
}

enum PlaneClientEndpoints {
    static let workItems = "/workspaces/{slug}/projects/{project_id}/work-items/"
    static let workItem = "/workspaces/{slug}/projects/{project_id}/work-items/{id}/"
}
