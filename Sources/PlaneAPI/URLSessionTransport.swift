import Essentials
import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// ``HTTPTransport`` over Foundation's `URLSession` (libcurl on Linux). TLS is always verified:
/// this type installs no delegate that could accept an untrusted certificate.
///
/// The timeout is enforced here, not by `URLRequest.timeoutInterval`: on Linux that interval is
/// cut to whole seconds and a value under one second fails at once (checked with Swift 6.3.1).
/// So the request gets a generous backstop interval and a task sleeping on the injected clock races it
/// against the deadline, cancelling the transfer when the deadline wins.
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
    private let clock: any Clock<Duration>

    /// - Parameters:
    ///   - session: by default an ephemeral session (no cookies, no cache) that does not follow
    ///     redirects: a redirected POST would be replayed as a GET, so a 3xx is returned as is.
    ///   - freshConnectionForWrites: send every POST, PATCH and DELETE on a new connection (its own
    ///     short-lived session). libcurl silently re-sends a request whose *reused* connection dies
    ///     before any byte of answer; for a POST that is a blind re-POST, and for a request with a body
    ///     the re-send goes out without the body and hangs until the timeout (seen with Swift 6.3.1:
    ///     the server logged the lost POST, then a second, bodiless one). On a fresh connection
    ///     libcurl does not retry, so the drop comes back at once and the client decides. Default on.
    ///   - clock: the clock the timeouts run on.
    public init(
        session: URLSession? = nil, freshConnectionForWrites: Bool = true,
        clock: any Clock<Duration> = ContinuousClock()
    ) {
        self.session = session ?? Self.makeSession(configuration: nil)
        self.freshConnectionForWrites = freshConnectionForWrites
        self.clock = clock
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

    /// One transfer raced against its deadline and the caller's cancellation. The transfer is a
    /// `dataTask` with a completion handler, and a lost race cancels it later, on a queue of its own: on
    /// Linux, cancelling `session.data(for:)` from the task that awaits it can deadlock against the
    /// session's queue resuming that same task (seen as a hang in a test run, in `URLSessionTask.cancel`).
    private func send(_ request: PlaneHTTPRequest, timeout: Duration, on session: URLSession) async throws
        -> PlaneHTTPResponse
    {
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = request.method
        urlRequest.httpBody = request.body
        urlRequest.timeoutInterval = max(2, timeout.inSeconds + 2)
        for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
        let transfer = PendingTransfer()
        let clock = self.clock
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let task = session.dataTask(with: urlRequest) { data, response, error in
                    transfer.finish(Self.result(data, response, error))
                }
                guard transfer.start(continuation, task: task) else { return }
                task.resume()
                transfer.setDeadline(
                    Task {
                        do {
                            try await clock.sleep(for: timeout)
                        } catch {
                            return  // the transfer ended first and cancelled its deadline
                        }
                        transfer.finish(
                            .failure(PlaneTransportError(kind: .timeout, message: "no response within \(timeout)")))
                    })
            }
        } onCancel: {
            transfer.finish(.failure(CancellationError()))
        }
    }

    private static func result(_ data: Data?, _ response: URLResponse?, _ error: (any Error)?)
        -> Result<PlaneHTTPResponse, any Error>
    {
        if let error = error as? URLError { return .failure(classify(error)) }
        if let error { return .failure(error) }
        guard let http = response as? HTTPURLResponse else {
            return .failure(PlaneTransportError(kind: .other, message: "not an HTTP response"))
        }
        var headers: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            if let name = name as? String, let value = value as? String { headers[name] = value }
        }
        return .success(PlaneHTTPResponse(status: http.statusCode, headers: headers, body: data ?? Data()))
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

/// The state of one transfer: whichever of answer, deadline and cancellation comes first resumes the
/// caller, once; a transfer still running then is cancelled asynchronously, never from under the caller.
private final class PendingTransfer: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<PlaneHTTPResponse, any Error>?
    private var task: URLSessionDataTask?
    private var deadline: Task<Void, Never>?
    private var outcome: Result<PlaneHTTPResponse, any Error>?

    /// False when the outcome is already known (cancelled before the start): the caller is resumed at once.
    func start(_ continuation: CheckedContinuation<PlaneHTTPResponse, any Error>, task: URLSessionDataTask) -> Bool {
        lock.lock()
        if let outcome {
            lock.unlock()
            continuation.resume(with: outcome)
            return false
        }
        self.continuation = continuation
        self.task = task
        lock.unlock()
        return true
    }

    /// The task that finishes the transfer with a timeout; cancelled once the transfer ends otherwise.
    func setDeadline(_ timer: Task<Void, Never>) {
        lock.lock()
        guard outcome == nil else {
            lock.unlock()
            timer.cancel()
            return
        }
        deadline = timer
        lock.unlock()
    }

    func finish(_ result: Result<PlaneHTTPResponse, any Error>) {
        lock.lock()
        guard outcome == nil else {
            lock.unlock()
            return
        }
        outcome = result
        let waiting = continuation
        let running = task
        let timer = deadline
        continuation = nil
        task = nil
        deadline = nil
        lock.unlock()
        timer?.cancel()
        waiting?.resume(with: result)
        if case .failure = result, let running {
            DispatchQueue.global().async { running.cancel() }
        }
    }
}
