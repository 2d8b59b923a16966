import Synchronization

/// How the receiver of this process tells the daemon of this process that it stored a delivery, so that a
/// delivery reaching the replica that runs its integration is acted on at once (the change stream on
/// `plane_webhook_deliveries` tells the other replicas, and each tick looks for what both missed).
public final class DeliveryNotices: Sendable {
    private let handler = Mutex<(@Sendable (String) -> Void)?>(nil)

    public init() {}

    /// A delivery was stored for the integration.
    public func post(_ integrationId: String) {
        handler.withLock { $0 }?(integrationId)
    }

    /// Who hears of stored deliveries from now on.
    func listen(_ listener: @escaping @Sendable (String) -> Void) {
        handler.withLock { $0 = listener }
    }
}
