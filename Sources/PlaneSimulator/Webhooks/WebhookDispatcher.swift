import Crypto
import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Sends webhook deliveries the way Plane's `webhook_send_task` does, off the API's request path: one
/// worker posts them in the order they were queued, each body serialised like Python's `json.dumps` and
/// signed over exactly those bytes. An HTTP answer, whatever its status, ends the delivery (Plane does not
/// retry a 5xx); no answer at all (refused, dropped, timed out) gets one retry after
/// ``WebhookTarget/retryDelay``, with the same body and signature and a new `X-Plane-Delivery`, queued behind
/// whatever came meanwhile (so it can arrive after newer deliveries, as Plane's do).
actor WebhookDispatcher {
    struct Delivery: Sendable {
        var event: String
        var action: String
        var field: String?
        var itemID: String?
        var body: [UInt8]
        var signature: String
        var isRetry = false
    }

    private var target: WebhookTarget?
    /// `webhook_id` in every body: one webhook per simulator.
    let webhookID = UUID().uuidString.lowercased()
    /// Plane's `requests.post(..., timeout=30)`.
    let timeout: Duration
    private(set) var attempts: [WebhookAttempt] = []
    /// Deliveries queued, in flight or waiting for their retry.
    private(set) var pending = 0
    private let queue: AsyncStream<Delivery>.Continuation
    private let stream: AsyncStream<Delivery>
    private var tasks: [Task<Void, Never>] = []

    init(target: WebhookTarget?, timeout: Duration = .seconds(30)) {
        self.target = target
        self.timeout = timeout
        (stream, queue) = AsyncStream.makeStream(of: Delivery.self)
    }

    var currentTarget: WebhookTarget? { target }

    func configure(_ target: WebhookTarget?) { self.target = target }

    /// Starts the worker; call once.
    func start() {
        let stream = self.stream
        tasks.append(
            Task {
                for await delivery in stream {
                    await self.attempt(delivery)
                }
            })
    }

    func stop() {
        queue.finish()
        tasks.forEach { $0.cancel() }
        tasks = []
    }

    func clearAttempts() { attempts = [] }

    /// Queues one delivery per `(action, data, activity)`, each signed with the current secret; nothing
    /// when no webhook is set.
    func enqueue(event: String, workspaceID: String, items: [(action: String, data: SimJSON, activity: SimJSON)]) {
        guard let target else { return }
        for item in items {
            let payload: SimJSON = [
                "event": .string(event), "action": .string(item.action), "webhook_id": .string(webhookID),
                "workspace_id": .string(workspaceID), "data": item.data, "activity": item.activity,
            ]
            let body = Array(payload.pythonDumps.utf8)
            pending += 1
            queue.yield(
                Delivery(
                    event: event, action: item.action, field: item.activity["field"]?.stringValue,
                    itemID: item.data["id"]?.stringValue, body: body,
                    signature: Self.signature(body, secret: target.secret)))
        }
    }

    /// Hex HMAC-SHA256 of `body` keyed with `secret`: Plane's `X-Plane-Signature`.
    static func signature(_ body: [UInt8], secret: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Array(secret.utf8)))
        return code.map { String(format: "%02x", $0) }.joined()
    }

    private func attempt(_ delivery: Delivery) async {
        guard let target else {
            pending -= 1
            return
        }
        let deliveryID = UUID().uuidString.lowercased()
        let headers = [
            ("User-Agent", "Autopilot"), ("Accept-Encoding", "gzip, deflate"), ("Accept", "*/*"),
            ("Connection", "keep-alive"), ("Content-Type", "application/json"), ("X-Plane-Delivery", deliveryID),
            ("X-Plane-Event", delivery.event), ("X-Plane-Signature", delivery.signature),
        ]
        let answer = await Self.post(delivery.body, headers: headers, to: target.url, timeout: timeout)
        let retry = answer.status == nil && !delivery.isRetry
        attempts.append(
            WebhookAttempt(
                deliveryID: deliveryID, event: delivery.event, action: delivery.action, field: delivery.field,
                itemID: delivery.itemID, status: answer.status, failure: answer.failure, isRetry: delivery.isRetry,
                retryScheduled: retry))
        guard retry else {
            pending -= 1
            return
        }
        var again = delivery
        again.isRetry = true
        let (queue, delay) = (self.queue, target.retryDelay)
        tasks.append(
            Task {
                // The retry delay is real time: it stands for Plane's Celery countdown, set by the test.
                try? await Task.sleep(for: delay)
                queue.yield(again)
            })
    }

    /// One POST on a connection of its own (Plane's `requests.post` opens one per delivery; a fresh session
    /// also keeps libcurl from silently re-sending on a reused connection). The transfer is never cancelled
    /// from here: its own timeout ends it.
    private static func post(_ body: [UInt8], headers: [(String, String)], to url: URL, timeout: Duration) async
        -> (status: Int?, failure: String?)
    {
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.httpBody = Data(body)
        request.timeoutInterval = max(1, Double(timeout.components.seconds))
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let session = URLSession(configuration: .ephemeral)
        defer { session.finishTasksAndInvalidate() }
        return await withCheckedContinuation { continuation in
            let task = session.dataTask(with: request) { _, response, error in
                if let error {
                    continuation.resume(returning: (nil, error.localizedDescription))
                } else if let http = response as? HTTPURLResponse {
                    continuation.resume(returning: (http.statusCode, nil))
                } else {
                    continuation.resume(returning: (nil, "no HTTP answer"))
                }
            }
            task.resume()
        }
    }
}
