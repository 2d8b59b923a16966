import Foundation

/// The receiver's checks that need nothing but the request, in the order they run: the path names an
/// integration, the method is POST, the body is within the cap. Pure.
public enum WebhookIntake {
    /// Plane's deliveries are a work item and its activity, 1–3 KiB; a quarter of a MiB is plenty.
    public static let maximumBodyBytes = 256 * 1024
    public static let pathPrefix = "/webhooks/plane/"

    /// The integration the request is for, or the outcome that ends it.
    public static func check(_ request: WebhookRequest) -> Result<String, WebhookOutcome> {
        guard request.path.hasPrefix(pathPrefix) else { return .failure(.notFound) }
        let segment = request.path.dropFirst(pathPrefix.count)
        let trimmed = segment.hasSuffix("/") ? segment.dropLast() : segment
        guard !trimmed.isEmpty, !trimmed.contains("/"), let id = String(trimmed).removingPercentEncoding, !id.isEmpty
        else { return .failure(.notFound) }
        guard request.method == "POST" else { return .failure(.methodNotAllowed) }
        guard !request.bodyTooLarge, request.body.count <= maximumBodyBytes else { return .failure(.tooLarge) }
        return .success(id)
    }
}
