/// The Nexus collections BoardSync reads and writes.
public enum CollectionNames {
    /// The authoritative board (the platform's; BoardSync only reads it).
    public static let boardItems = "board_items"
    /// One document per mirrored item and integration: the only truth about what was mirrored.
    public static let boardLinks = "board_links"
    /// Per-integration configuration, credentials and the sync checkpoint.
    public static let integrations = "integrations"
    /// Conflict reports that need a person (kind `board_sync_conflict`).
    public static let approvals = "approvals"
    /// One document per run and per notable action, as they would go to NATS.
    public static let events = "events"
    /// One lease per integration: who may write for it now (BoardSync's own collection).
    public static let leases = "board_sync_leases"
    /// One heartbeat document per daemon replica: who is live, and what each serves (BoardSync's own).
    public static let replicas = "board_sync_replicas"
    /// Plane's verified webhook deliveries, kept a while for the replica that runs their integration.
    public static let webhookDeliveries = "plane_webhook_deliveries"
    /// Whether each integration's webhook deliveries are trusted in place of the listing (``WebhookHealth``).
    public static let webhookHealth = "plane_webhook_health"
}
