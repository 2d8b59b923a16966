import Foundation
import PlaneAPI
import Synchronization
import TestClocks

/// A test double for ``HTTPTransport``: answers each request with the next scripted step and
/// records every request it saw, with how many were in flight at once.
final class ScriptedTransport: HTTPTransport {
    enum Step: Sendable {
        case respond(PlaneHTTPResponse)
        case fail(PlaneTransportError.Kind)
        /// Waits this long on the transport's clock (on the real clock without one) before answering.
        case slow(Duration, PlaneHTTPResponse)
    }

    struct Record: Sendable {
        let request: PlaneHTTPRequest
        let timeout: Duration
        /// Requests in flight when this one arrived, itself included.
        let inFlight: Int
        let startedAt: ContinuousClock.Instant
        /// The test clock's time when the request arrived, when a clock was given.
        let clockTime: Duration?
    }

    private struct State {
        var steps: [Step]
        var records: [Record] = []
        var inFlight = 0
        var maxInFlight = 0
        var finishedAt: [Int: ContinuousClock.Instant] = [:]
    }

    private let state: Mutex<State>
    /// Answer once the script is used up.
    private let fallback: Step

    private let clock: ManualClock?

    init(_ steps: [Step] = [], fallback: Step = .respond(.json(200, "{}")), clock: ManualClock? = nil) {
        state = Mutex(State(steps: steps))
        self.fallback = fallback
        self.clock = clock
    }

    /// When request number `index` got its answer.
    func finishedAt(_ index: Int) -> ContinuousClock.Instant? { state.withLock { $0.finishedAt[index] } }

    var records: [Record] { state.withLock { $0.records } }
    var requests: [PlaneHTTPRequest] { records.map(\.request) }
    var maxInFlight: Int { state.withLock { $0.maxInFlight } }

    func send(_ request: PlaneHTTPRequest, timeout: Duration) async throws -> PlaneHTTPResponse {
        let clockTime = clock?.elapsed
        let (step, index) = state.withLock { state in
            state.inFlight += 1
            state.maxInFlight = max(state.maxInFlight, state.inFlight)
            state.records.append(
                Record(
                    request: request, timeout: timeout, inFlight: state.inFlight, startedAt: .now,
                    clockTime: clockTime))
            return (state.steps.isEmpty ? fallback : state.steps.removeFirst(), state.records.count - 1)
        }
        defer {
            state.withLock { state in
                state.inFlight -= 1
                state.finishedAt[index] = .now
            }
        }
        switch step {
        case .respond(let response):
            await Task.yield()
            return response
        case .fail(let kind):
            throw PlaneTransportError(kind: kind, message: "scripted \(kind)")
        case .slow(let delay, let response):
            if let clock {
                try await clock.sleep(for: delay)
            } else {
                try await Task.sleep(for: delay)
            }
            return response
        }
    }
}

extension PlaneHTTPResponse {
    static func json(_ status: Int, _ body: String, headers: [String: String] = [:]) -> PlaneHTTPResponse {
        var all = headers
        all["Content-Type"] = "application/json"
        return PlaneHTTPResponse(status: status, headers: all, body: Data(body.utf8))
    }
}

extension PlaneHTTPRequest {
    /// The path after the base URL's `/api/v1`, with the query.
    var pathAndQuery: String {
        let text = url.absoluteString
        guard let range = text.range(of: "/api/v1") else { return text }
        return String(text[range.upperBound...])
    }

    var bodyText: String? { body.map { String(decoding: $0, as: UTF8.self) } }
}
