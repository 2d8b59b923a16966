import Foundation
import Logging
import SyncCore

/// The worker's side of webhooks: acting on stored deliveries, skipping a tick's listing while they are
/// trusted (SyncCore's ``ListingRule``), and saying when they stop being trusted (``EchoWatch``).
extension IntegrationWorker {
    /// Acts on the stored deliveries; a lease held elsewhere or a failure tries again later.
    /// - Returns: whether every stored delivery was acted on (false: the lease was elsewhere, or it failed).
    @discardableResult
    func actOnDeliveries(_ timetable: inout WorkerTimetable, _ hooks: inout WebhookState) async -> Bool {
        guard let deliveries = runner.deliveries else { return true }
        let metadata: Logger.Metadata = ["integration": "\(integrationId)", "trigger": "webhook"]
        // Each write is awaited from before the run began: its echo may arrive while the run still goes on.
        let started = runner.wallClock()
        do {
            let outcome = try await deliveries()
            let wasHealthy = hooks.echo.isHealthy
            for delivery in outcome.received {
                hooks.echo.delivered(item: delivery.item, receivedAt: delivery.receivedAt)
                hooks.lastDelivery = max(hooks.lastDelivery ?? delivery.receivedAt, delivery.receivedAt)
            }
            if !wasHealthy, hooks.echo.isHealthy {
                logger.notice(
                    "webhook deliveries arrive again: a tick with nothing to push skips the listing again",
                    metadata: metadata)
                await tell(hooks)
            }
            // What was received is heard of even when acting on it failed.
            if let failure = outcome.failure { throw failure }
            if let report = outcome.report {
                onRun(.success(report))
                hooks.echo.wrote(report.planeItemsWritten, at: started)
                let counts = outcome.verdicts.sorted { $0.key.rawValue < $1.key.rawValue }
                    .map { "\($0.value) \($0.key.rawValue)" }.joined(separator: ", ")
                logger.info(
                    "webhook deliveries (\(counts)) done: \(SummaryText.render(report.summary))", metadata: metadata)
            }
            return outcome.report?.outcome != .stoppedBySignal
        } catch let held as LeaseUnavailable {
            logger.info("webhook deliveries wait: \(held)", metadata: metadata)
            timetable.deliveriesWait(until: clock.now() + runner.pollEvery)
        } catch {
            onRun(.failure(error))
            if stop.isRequested { return false }
            logger.error(
                "acting on webhook deliveries failed: \(LogRedaction.redact("\(error)")); trying again later",
                metadata: metadata)
            timetable.deliveriesWait(until: clock.now() + schedule.retryAfterFailure)
        }
        return false
    }

    /// Whether this timer tick skips the listing: webhooks on and trusted, every stored delivery acted on,
    /// nothing to push, a listing within `--plane-poll`. Deliveries stored by other replicas are acted on
    /// first (when that fails or waits for the lease, the tick lists: what they told is then known only
    /// from Plane), and a missed echo is said here.
    func skipsListing(_ hooks: inout WebhookState, timetable: inout WorkerTimetable) async -> Bool {
        guard let webhooks = schedule.webhooks else { return false }
        let acted = await actOnDeliveries(&timetable, &hooks)
        if hooks.echo.check(now: runner.wallClock()) {
            logger.warning(
                "\(WebhookHealthText.reason(hooks.echo, webhooks: webhooks))",
                metadata: ["integration": "\(integrationId)"])
            await tell(hooks)
        }
        let now = clock.now()
        var pending = true
        if acted { pending = await runner.boardPending?() ?? true }
        let facts = ListingRule.Facts(
            webhooks: true, healthy: hooks.echo.isHealthy, boardPending: pending,
            sinceListing: hooks.lastListing.map { now - $0 }, planePoll: webhooks.planePoll)
        return ListingRule.decide(facts) == .skip
    }

    /// Tells the observers (log, `status`, `/metrics`) the webhook health as it is now.
    func tell(_ hooks: WebhookState) async {
        guard let webhooks = schedule.webhooks else { return }
        let health = WebhookHealth(
            integrationId: integrationId, state: hooks.echo.isHealthy ? .healthy : .fallback,
            reason: WebhookHealthText.reason(hooks.echo, webhooks: webhooks),
            since: hooks.echo.fallbackSince ?? runner.wallClock(), lastDeliveryAt: hooks.lastDelivery)
        await runner.health?(health)
    }
}

/// What the webhook health says in words.
enum WebhookHealthText {
    static func reason(_ echo: EchoWatch, webhooks: DaemonSchedule.Webhooks) -> String {
        let poll = DurationText.format(webhooks.planePoll)
        guard let missed = echo.missed else {
            return "the echoes of BoardSync's writes arrive (or nothing was written): a tick with nothing to push "
                + "skips the listing, which still runs every \(poll)"
        }
        let stamp = ISO8601DateFormatter().string(from: missed.wroteAt)
        return "no webhook delivery came back within \(DurationText.format(webhooks.echoTimeout)) for Plane item "
            + "\(missed.item), written at \(stamp): listing Plane every tick until a delivery arrives. Check that "
            + "the webhook is still enabled in Plane's workspace settings, with the secret in "
            + "credentials.webhook_secret, and that Plane reaches this receiver"
    }
}
