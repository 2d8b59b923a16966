import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// ``HTTPTransport`` over Foundation's `URLSession` (libcurl on Linux). TLS is always verified:
/// this type installs no delegate that could accept an untrusted certificate.
///
/// The timeout is enforced here, not by `URLRequest.timeoutInterval`: on Linux that interval is
/// cut to whole seconds and a value under one second fails at once (checked with Swift 6.3.1).
/// So the request gets a generous backstop interval and a task races it against the deadline,
/// cancelling the transfer when the deadline wins.
///
/// URLError codes seen on Linux (checked against a local socket server): refused connection
/// `-1004 cannotConnectToHost`; connection closed with no reply `-1011 badServerResponse`
/// ("Empty reply from server"); reset `-1005 networkConnectionLost`; an answer cut short after
/// its headers `-1 unknown` (libcurl's "transfer closed with N bytes remaining"); silence
/// `-1001 timedOut`; task cancelled `-999 cancelled`. All but the first may follow a request the
/// server acted on.
public final class URLSessionTransport: HTTPTransport {
    private let session: URLSession
    private let freshConnectionForWrites: Bool

    /// - Parameters:
    ///   - session: by default an ephemeral session (no cookies, no cache) that does not follow
    ///     redirects: a redirected POST would be replayed as a GET, so a 3xx is returned as is.
    ///   - freshConnectionForWrites: send every POST, PATCH and DELETE on a new connection (its own
    ///     short-lived session). libcurl silently re-sends a request whose *reused* connection dies
    ///     before any byte of answer; for a POST that is a blind re-POST, and for a request with a body
    ///     the re-send goes out without the body and hangs until the timeout (seen with Swift 6.3.1:
    ///     the server logged the lost POST, then a second, bodiless one). On a fresh connection
    ///     libcurl does not retry, so the drop comes back at once and the client decides. Default on.
    public init(session: URLSession? = nil, freshConnectionForWrites: Bool = true) {
        self.session = session ?? Self.makeSession(configuration: nil)
        self.freshConnectionForWrites = freshConnectionForWrites
    }

    public func send(_ request: PlaneHTTPRequest, timeout: Duration) async throws -> PlaneHTTPResponse {
        let isWrite = !["GET", "HEAD"].contains(request.method)
        guard freshConnectionForWrites, isWrite else { return try await send(request, timeout: timeout, on: session) }
        let fresh = Self.makeSession(configuration: session.configuration)
        defer { fresh.finishTasksAndInvalidate() }
        return try await send(request, timeout: timeout, on: fresh)
    }

    private static func makeSession(configuration base: URLSessionConfiguration?) -> URLSession {
        let configuration = base ?? URLSessionConfiguration.ephemeral
        if base == nil {
            configuration.httpShouldSetCookies = false
            configuration.urlCache = nil
            configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        }
        return URLSession(configuration: configuration, delegate: RefuseRedirects(), delegateQueue: nil)
    }

    private func send(_ request: PlaneHTTPRequest, timeout: Duration, on session: URLSession) async throws
        -> PlaneHTTPResponse
    {
        try await withThrowingTaskGroup(of: PlaneHTTPResponse?.self) { group in
            group.addTask {
                try await URLSessionTransport.perform(request, timeout: timeout, session: session)
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else { throw CancellationError() }
            guard let response = first else {
                throw PlaneTransportError(kind: .timeout, message: "no response within \(timeout)")
            }
            return response
        }
    }

    private static func perform(
        _ request: PlaneHTTPRequest, timeout: Duration, session: URLSession
    ) async throws -> PlaneHTTPResponse {
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = request.method
        urlRequest.httpBody = request.body
        urlRequest.timeoutInterval = max(2, Double(timeout.components.seconds) + 2)
        for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
        do {
            let (data, response) = try await session.data(for: urlRequest)
            guard let http = response as? HTTPURLResponse else {
                throw PlaneTransportError(kind: .other, message: "not an HTTP response")
            }
            var headers: [String: String] = [:]
            for (name, value) in http.allHeaderFields {
                if let name = name as? String, let value = value as? String { headers[name] = value }
            }
            return PlaneHTTPResponse(status: http.statusCode, headers: headers, body: data)
        } catch let error as URLError {
            if Task.isCancelled { throw CancellationError() }
            throw classify(error)
        }
    }

    static func classify(_ error: URLError) -> PlaneTransportError {
        let message = "URLError \(error.code.rawValue)"
        switch error.code {
        case .cannotConnectToHost, .cannotFindHost, .dnsLookupFailed, .notConnectedToInternet:
            return PlaneTransportError(kind: .notSent, message: message + " (no connection)")
        case .timedOut:
            return PlaneTransportError(kind: .timeout, message: message + " (timed out)")
        case .networkConnectionLost, .badServerResponse, .cannotParseResponse, .zeroByteResource:
            return PlaneTransportError(kind: .connectionLost, message: message + " (connection lost)")
        case .unknown:
            // libcurl errors FoundationNetworking does not map, e.g. "transfer closed with N bytes
            // remaining to read" (a connection cut mid-answer): the request may have been applied.
            return PlaneTransportError(kind: .connectionLost, message: message + " (transfer failed)")
        default:
            return PlaneTransportError(kind: .other, message: message)
        }
    }
}

/// Answers every redirect with "do not follow", so the 3xx itself comes back to the client.
/// It handles nothing else: authentication challenges (TLS) keep the default, verifying, handling.
private final class RefuseRedirects: NSObject, URLSessionTaskDelegate, Sendable {
    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }
}
