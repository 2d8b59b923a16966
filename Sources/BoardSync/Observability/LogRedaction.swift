/// Removes secrets from text bound for a log: Plane API keys (`plane_api_…`), the password of a
/// `mongodb://user:password@host` URI, and the value of an `X-Api-Key` header.
public enum LogRedaction {
    public static func redact(_ text: String) -> String {
        guard text.contains("plane_api_") || text.contains("://") || text.lowercased().contains("x-api-key") else {
            return text
        }
        var result = text.replacing(/plane_api_[0-9A-Za-z]+/, with: "plane_api_[redacted]")
        result = result.replacing(/(mongodb(?:\+srv)?:\/\/[^:\/@\s]+):[^@\s]*@/) { match in
            "\(match.output.1):[redacted]@"
        }
        result = result.replacing(/(?i)(x-api-key["']?\s*[:=]\s*["']?)[^\s"',}]+/) { match in
            "\(match.output.1)[redacted]"
        }
        return result
    }
}
