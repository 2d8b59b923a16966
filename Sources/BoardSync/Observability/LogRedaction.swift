import MongoDriver

/// Removes secrets from text bound for a log: see ``Redaction/redact(_:)``, the one function every shown
/// text goes through (URL user information, registered passwords and keys, `plane_api_…`, `X-Api-Key`).
public enum LogRedaction {
    public static func redact(_ text: String) -> String {
        Redaction.redact(text)
    }
}
