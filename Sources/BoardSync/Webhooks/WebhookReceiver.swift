import Foundation
import Logging
import MongoDriver

/// What the receiver knows of an integration's webhook secret.
public enum WebhookSecretLookup: Sendable {
    case unknownIntegration
    case noSecret
    case secret(String)
    case unavailable(IntegrationError)
}

/// Plane's webhook deliveries for `POST /webhooks/plane/{integration}`: checks the path, the method and
/// the size, then the signature over the raw bytes before reading anything else, then that the body is
/// JSON, and stores it (``WebhookDeliveryStore``). Acting on a stored delivery is another part's work.
/// Every request is counted by outcome and logged without its body; only a verified delivery has an effect.
public struct WebhookReceiver: Sendable {
    public typealias SecretLookup = @Sendable (String) async -> WebhookSecretLookup

    let secrets: SecretLookup
    let store: WebhookDeliveryStore
    public let counters: WebhookCounters
    /// Told the integration of each delivery stored (the daemon of this process acts on it at once).
    public var notices: DeliveryNotices?
    let logger: Logger
    let now: @Sendable () -> Date

    public init(
        secrets: @escaping SecretLookup, store: WebhookDeliveryStore, counters: WebhookCounters = WebhookCounters(),
        logger: Logger, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.secrets = secrets
        self.store = store
        self.counters = counters
        self.logger = logger
        self.now = now
    }

    /// The receiver of the daemon: secrets from the `integrations` documents, read at each delivery (so a
    /// changed or rotated secret counts at once), deliveries stored in the same database.
    public init(database: MongoDatabase, counters: WebhookCounters = WebhookCounters(), logger: Logger) {
        let integrations = database.collection(CollectionNames.integrations)
        self.init(
            secrets: { id in await Self.lookUp(id, in: integrations) }, store: WebhookDeliveryStore(database: database),
            counters: counters, logger: logger)
    }

    public func receive(_ request: WebhookRequest) async -> WebhookOutcome {
        let outcome = await decide(request)
        counters.count(outcome)
        return outcome
    }

    private func decide(_ request: WebhookRequest) async -> WebhookOutcome {
        let integrationID: String
        switch WebhookIntake.check(request) {
        case .failure(let outcome):
            return refused(outcome, request, integration: nil)
        case .success(let id):
            integrationID = id
        }
        let secret: String
        switch await secrets(integrationID) {
        case .unknownIntegration: return refused(.unknownIntegration, request, integration: integrationID)
        case .noSecret: return refused(.noWebhookSecret, request, integration: integrationID)
        case .unavailable(let error):
            logger.error(
                "webhook delivery for integration \(integrationID) refused: its secret cannot be read: \(error.description)",
                metadata: [
                    "integration": "\(integrationID)", "outcome": "\(WebhookOutcome.secretUnavailable.rawValue)",
                ])
            return .secretUnavailable
        case .secret(let value): secret = value
        }
        if let problem = WebhookSignature.problem(
            header: request.headers["x-plane-signature"], body: request.body, secret: secret)
        {
            return refused(problem, request, integration: integrationID)
        }
        guard let delivery = WebhookDelivery(body: request.body) else {
            return refused(.notJSON, request, integration: integrationID)
        }
        let deliveryID = request.headers["x-plane-delivery"]
        do {
            let stored = try await store.store(
                delivery, integrationID: integrationID, deliveryID: deliveryID, body: request.body, receivedAt: now())
            let outcome: WebhookOutcome = stored ? .stored : .duplicate
            if stored { notices?.post(integrationID) }
            logger.debug(
                "webhook delivery \(outcome.rawValue)",
                metadata: [
                    "integration": "\(integrationID)", "outcome": "\(outcome.rawValue)",
                    "delivery": "\(deliveryID ?? "-")", "event": "\(delivery.event ?? "-")",
                    "field": "\(delivery.field ?? "-")", "item": "\(delivery.itemID ?? "-")",
                ])
            return outcome
        } catch {
            let reason = Redaction.redact("\(error)")
            logger.error(
                "webhook delivery for integration \(integrationID) not stored (Plane will not resend it; the next listing catches its change): \(reason)",
                metadata: ["integration": "\(integrationID)", "outcome": "\(WebhookOutcome.storeFailed.rawValue)"])
            return .storeFailed
        }
    }

    /// Logs a refused request (never its body) and returns its outcome.
    private func refused(_ outcome: WebhookOutcome, _ request: WebhookRequest, integration: String?) -> WebhookOutcome {
        logger.warning(
            "webhook request refused (\(outcome.rawValue), answered \(outcome.status)): \(Self.advice(outcome))",
            metadata: [
                "integration": "\(integration ?? "-")", "outcome": "\(outcome.rawValue)",
                "method": "\(request.method)", "bytes": "\(request.body.count)",
            ])
        return outcome
    }

    static func advice(_ outcome: WebhookOutcome) -> String {
        switch outcome {
        case .notFound: "the receiver serves POST /webhooks/plane/{integration id} only; check the URL set in Plane"
        case .unknownIntegration:
            "no integrations document of kind \"plane\" has that id; check the URL set in Plane's webhook"
        case .noWebhookSecret:
            "the integration sets no credentials.webhook_secret (or _file, _env): copy the secret Plane shows for "
                + "the webhook there"
        case .methodNotAllowed: "only POST is accepted"
        case .tooLarge: "the body is over \(WebhookIntake.maximumBodyBytes / 1024) KiB, more than any Plane delivery"
        case .missingSignature: "no X-Plane-Signature header: not from Plane, or the webhook has no secret"
        case .badSignature:
            "X-Plane-Signature does not match the body: forged, altered, or signed with another secret (was it "
                + "regenerated in Plane? update credentials.webhook_secret)"
        case .notJSON: "the signed body is not a JSON object"
        case .stored, .duplicate, .secretUnavailable, .storeFailed: ""
        }
    }

    /// The secret of integration `id` from its document, validated like every run validates it.
    static func lookUp(_ id: String, in integrations: MongoCollection) async -> WebhookSecretLookup {
        do {
            guard let document = try await integrations.findOne(["_id": .string(id), "kind": "plane"]) else {
                return .unknownIntegration
            }
            let integration = try IntegrationLoader.validate(document)
            guard let secret = try integration.webhookSecret() else { return .noSecret }
            return .secret(secret)
        } catch let error as IntegrationError {
            return .unavailable(error)
        } catch {
            return .unavailable(
                IntegrationError(
                    integrationId: id, field: "_id",
                    reason: "cannot be read from MongoDB: \(Redaction.redact("\(error)"))"))
        }
    }
}
