import Essentials
import Foundation
import Logging

/// The Plane REST client: one workspace, one API key.
///
/// Every request of every client with the same key goes through one shared ``PlanePacer``;
/// 5xx, timeouts and dropped connections are retried per ``PlaneClientConfiguration/retry``;
/// failures are ``PlaneAPIError``s. The client is `Sendable`: share it between tasks.
public final class PlaneClient: Sendable {
    public let configuration: PlaneClientConfiguration
    /// The pacer shared by every client of this key in the registry given at init.
    public let pacer: PlanePacer
    let transport: any HTTPTransport
    let time: ClockTimeline
    /// Where 429s, retries, timeouts and unknown outcomes are reported, with the method and path (metadata
    /// `plane.*`); never the key, never bodies.
    let logger: Logger
    let recorder = PlaneStatsRecorder()
    let encoder: JSONEncoder
    let decoder = JSONDecoder()

    /// - Parameters:
    ///   - transport: defaults to a ``URLSessionTransport``. Its timeouts bound real I/O, so they run on the
    ///     real clock whatever `clock` is (``URLSessionTransport/init(session:freshConnectionForWrites:clock:)``
    ///     takes a clock of its own for tests of the timeout).
    ///   - clock: for pacing and backoff; tests inject one whose time they control.
    ///   - pacers: where the key's pacer is found or made; defaults to the process-wide registry.
    ///   - logger: where 429s, retries and timeouts are reported (the caller's logger: the library has none
    ///     of its own).
    public init(
        configuration: PlaneClientConfiguration, transport: (any HTTPTransport)? = nil,
        clock: any Clock<Duration> = ContinuousClock(), pacers: PlanePacerRegistry = .shared, logger: Logger
    ) {
        self.configuration = configuration
        self.logger = logger
        self.transport = transport ?? URLSessionTransport()
        self.time = ClockTimeline(clock)
        self.pacer = pacers.pacer(
            for: configuration.apiKey, limit: configuration.rateLimit, reserve: configuration.rateReserve, clock: clock)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        self.encoder = encoder
    }

    /// Counts of what this client has sent so far.
    public var stats: PlaneRequestStats { recorder.snapshot }

    var slug: String { configuration.workspaceSlug }

    /// Replaces the API key wherever it appears in text that came from outside.
    func redact(_ text: String) -> String {
        let secret = configuration.apiKey.secret
        guard !secret.isEmpty else { return text }
        return text.replacingOccurrences(of: secret, with: "[redacted]")
    }

    func makeRequest(_ endpoint: PlaneEndpoint, body: Data?) -> PlaneHTTPRequest {
        var headers = [
            "X-Api-Key": configuration.apiKey.secret,
            "Accept": "application/json",
            "User-Agent": configuration.userAgent,
        ]
        if endpoint.isWrite {
            for (name, value) in configuration.writeHeaders { headers[name] = value }
        }
        let sendsBody = endpoint.method == "POST" || endpoint.method == "PATCH"
        if sendsBody { headers["Content-Type"] = "application/json" }
        return PlaneHTTPRequest(
            method: endpoint.method, url: endpoint.url(relativeTo: configuration.baseURL), headers: headers,
            body: sendsBody ? (body ?? Data("{}".utf8)) : nil)
    }
}
