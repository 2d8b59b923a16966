import Foundation

extension AdminAPI {
    /// `PUT webhook` with `{"url", "secret", "retry_delay_ms"}` sets the webhook, `DELETE webhook` removes
    /// it, `GET webhook/attempts` lists the delivery attempts.
    func webhookRoute(_ method: String, _ parts: [String], _ body: SimJSON) async throws -> SimResponse {
        switch (method, parts) {
        case ("PUT", []), ("POST", []):
            guard let text = body["url"]?.stringValue, let url = URL(string: text), url.scheme != nil,
                let secret = body["secret"]?.stringValue, !secret.isEmpty
            else { throw SimulatorError.configuration("webhook needs url (http://…) and a non-empty secret") }
            let delay = Duration.milliseconds(body["retry_delay_ms"]?.intValue ?? 10_000)
            await core.webhooks.configure(WebhookTarget(url: url, secret: secret, retryDelay: delay))
            return SimResponse(status: 204)
        case ("DELETE", []):
            await core.webhooks.configure(nil)
            return SimResponse(status: 204)
        case ("GET", ["attempts"]):
            let attempts = await core.webhooks.attempts.map { attempt -> SimJSON in
                [
                    "delivery_id": .string(attempt.deliveryID), "event": .string(attempt.event),
                    "action": .string(attempt.action), "field": .optional(attempt.field),
                    "item_id": .optional(attempt.itemID), "status": attempt.status.map { .int($0) } ?? nil,
                    "failure": .optional(attempt.failure), "retry": .bool(attempt.isRetry),
                    "retry_scheduled": .bool(attempt.retryScheduled),
                ]
            }
            return .json(200, ["attempts": .array(attempts), "pending": .int(await core.webhooks.pending)])
        default:
            return .json(404, ["detail": "Unknown admin route."])
        }
    }
}
