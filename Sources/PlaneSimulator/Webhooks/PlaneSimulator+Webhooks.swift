/// Test controls of the simulator's webhook (the `/_sim/webhook` admin routes offer the same over HTTP).
extension PlaneSimulator {
    /// Sets, changes or (nil) removes the webhook; deliveries already queued go to the new one.
    public func setWebhook(_ target: WebhookTarget?) async { await core.webhooks.configure(target) }

    public func webhook() async -> WebhookTarget? { await core.webhooks.currentTarget }

    /// The `webhook_id` every delivery carries.
    public var webhookID: String { core.webhooks.webhookID }

    /// Every delivery attempt so far, oldest first.
    public func webhookAttempts() async -> [WebhookAttempt] { await core.webhooks.attempts }

    /// Deliveries queued, in flight or waiting for their retry: a test waits until this is 0 (and
    /// ``pendingBumps()`` too: deliveries are queued after the write's `updated_at` bump).
    public func pendingWebhookDeliveries() async -> Int { await core.webhooks.pending }
}
