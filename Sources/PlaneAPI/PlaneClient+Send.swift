import Essentials
import Foundation
import Logging

extension PlaneClient {
    /// Sends one call: paces it, retries what may be retried, waits out 429s, and returns the
    /// first response that is neither a 429 nor a retried 5xx. Non-2xx answers are returned too;
    /// ``expectSuccess(_:for:attempts:)`` turns them into errors.
    ///
    /// A POST is never sent twice once it may have reached Plane:
    /// - after a timeout or a dropped connection its outcome is unknown;
    /// - after a 5xx too. A 5xx with a body is an answer, but Plane's requests are not atomic
    ///   (no `ATOMIC_REQUESTS`): the work item can be saved before a later step fails, and a blind
    ///   re-POST then makes a duplicate, since Plane has no unique constraint on the external pair.
    /// Both surface as ``PlaneAPIError/Code/outcomeUnknown``; the caller settles it with
    /// ``lookUpWorkItem(project:externalID:externalSource:)``. A POST that never connected
    /// (refused, unknown host) is retried: Plane never saw it.
    func send(_ endpoint: PlaneEndpoint, body: Data? = nil) async throws -> (PlaneHTTPResponse, attempts: Int) {
        let request = makeRequest(endpoint, body: body)
        let policy = configuration.retry
        var failures = 0
        var throttles = 0
        var sent = 0
        var isRetry = false
        while true {
            let permit = try await pacer.acquire()
            recorder.update { $0.budgetWait += permit.waited }
            if isRetry { recorder.update { $0.retries += 1 } }
            sent += 1
            let response: PlaneHTTPResponse
            do {
                response = try await transport.send(request, timeout: configuration.requestTimeout)
            } catch let error as PlaneTransportError {
                await pacer.complete(permit, outcome: .noResponse)
                recorder.recordRequest(method: endpoint.method, endpoint: endpoint.template, status: nil)
                try Task.checkCancellation()
                let code: PlaneAPIError.Code = error.kind == .timeout ? .timeout : .network
                let message = redact(error.message)
                if error.kind == .timeout { recorder.update { $0.timeouts += 1 } }
                if error.kind == .other {
                    throw failure(code, endpoint, message: message, attempts: sent)
                }
                if endpoint.method == "POST", error.kind != .notSent {
                    throw unknownOutcome(endpoint, status: nil, reason: message, attempts: sent)
                }
                failures += 1
                guard failures < policy.maxAttempts else {
                    logGivingUp(endpoint, reason: message, attempts: sent)
                    throw failure(code, endpoint, message: message, attempts: sent)
                }
                try await backOff(retry: failures, endpoint: endpoint, reason: message)
                isRetry = true
                continue
            } catch {
                await pacer.complete(permit, outcome: .noResponse)
                throw error
            }
            recorder.recordRequest(method: endpoint.method, endpoint: endpoint.template, status: response.status)
            if response.status == 429 {
                let wait = retryAfter(response)
                throttles += 1
                logger.warning(
                    "Plane answered 429: the key's budget is spent; its requests wait Retry-After, then one probe",
                    metadata: metadata(
                        endpoint, ["plane.retry_after": "\(wait)", "plane.throttled": "\(throttles)"]))
                await pacer.complete(permit, outcome: .throttled(retryAfter: wait))
                recorder.update { $0.throttled += 1 }
                guard throttles < configuration.maxThrottledAttempts else {
                    throw failure(.rateLimited, endpoint, status: 429, message: "still throttled", attempts: sent)
                }
                isRetry = false
                continue
            }
            await pacer.complete(permit, outcome: .response(remaining: remaining(response)))
            guard (500...599).contains(response.status) else { return (response, sent) }
            let body = errorBody(response)
            if endpoint.isExternalLookup, response.status == 500 {
                throw failure(
                    .duplicatedExternalPair, endpoint, status: 500,
                    message: "Plane holds more than one work item with this external_id and external_source "
                        + "(\(body.message ?? "500"))", attempts: sent)
            }
            if endpoint.method == "POST" {
                throw unknownOutcome(
                    endpoint, status: response.status, reason: body.message ?? "server error", attempts: sent)
            }
            failures += 1
            guard failures < policy.maxAttempts else {
                logGivingUp(endpoint, reason: "status \(response.status)", attempts: sent)
                throw failure(.serverError, endpoint, status: response.status, message: body.message, attempts: sent)
            }
            try await backOff(retry: failures, endpoint: endpoint, reason: "status \(response.status)")
            isRetry = true
        }
    }

    private func unknownOutcome(_ endpoint: PlaneEndpoint, status: Int?, reason: String, attempts: Int)
        -> PlaneAPIError
    {
        logger.warning(
            "Plane POST outcome unknown: it may have been applied; settled by the external-id lookup, not re-sent",
            metadata: metadata(endpoint, ["plane.reason": "\(reason)"]))
        return failure(
            .outcomeUnknown, endpoint, status: status, message: reason + "; the POST may have been applied",
            attempts: attempts)
    }

    private func backOff(retry: Int, endpoint: PlaneEndpoint, reason: String) async throws {
        let delay = configuration.retry.delay(beforeRetry: retry)
        logger.warning(
            "Plane request failed (\(reason)); retry \(retry) of \(configuration.retry.maxAttempts - 1) in \(delay)",
            metadata: metadata(endpoint, ["plane.reason": "\(reason)", "plane.retry": "\(retry)"]))
        try await time.sleep(for: delay)
        recorder.update { $0.backoffWait += delay }
    }

    private func logGivingUp(_ endpoint: PlaneEndpoint, reason: String, attempts: Int) {
        logger.warning(
            "Plane request failed (\(reason)) after \(attempts) attempts; giving up",
            metadata: metadata(endpoint, ["plane.reason": "\(reason)", "plane.attempts": "\(attempts)"]))
    }

    /// The request's method and path (the item's id is in it; the key never is: it travels in a header).
    private func metadata(_ endpoint: PlaneEndpoint, _ extra: Logger.Metadata) -> Logger.Metadata {
        var metadata: Logger.Metadata = [
            "plane.method": "\(endpoint.method)", "plane.path": "\(endpoint.path)",
            "plane.endpoint": "\(endpoint.template)",
        ]
        if let item = endpoint.objectID { metadata["plane.item"] = "\(item)" }
        return metadata.merging(extra) { _, new in new }
    }

    /// `Retry-After` in seconds; without one (or with an HTTP date), one request's share of the period, at least 1 s.
    private func retryAfter(_ response: PlaneHTTPResponse) -> Duration {
        if let text = response.header("Retry-After"), let seconds = Double(text.trimmingCharacters(in: .whitespaces)),
            seconds >= 0
        {
            return .milliseconds(Int64((seconds * 1000).rounded(.up)))
        }
        return max(.seconds(1), configuration.rateLimit.period / configuration.rateLimit.requests)
    }

    private func remaining(_ response: PlaneHTTPResponse) -> Int? {
        response.header("X-RateLimit-Remaining").flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    }
}
