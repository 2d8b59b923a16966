import Foundation
import MongoDriver
import PlaneAPI

extension Integration {
    /// The Plane API key, from wherever the document says it is, checked to be one (see
    /// ``readSecret(_:kind:integrationId:environment:)``). The key is registered with ``Redaction`` so no
    /// output can show it.
    public func apiKey(environment: [String: String] = ProcessInfo.processInfo.environment) throws(IntegrationError)
        -> PlaneAPIKey
    {
        if case .inline(let key) = credentialSource { return key }  // checked when the document was validated
        return PlaneAPIKey(
            try Self.readSecret(credentialSource.place, kind: .planeAPIKey, integrationId: id, environment: environment)
        )
    }

    static func checkedKey(_ raw: String, integrationId id: String, field: String, source: String)
        throws(IntegrationError) -> PlaneAPIKey
    {
        PlaneAPIKey(try checkedSecret(raw, kind: .planeAPIKey, integrationId: id, field: field, source: source))
    }

    /// The webhook secret (`credentials.webhook_secret`, `webhook_secret_file` or `webhook_secret_env`), read
    /// and checked exactly like the API key; nil when the document sets none (no webhook for it).
    public func webhookSecret(environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(IntegrationError) -> String?
    {
        guard let webhookSecretSource else { return nil }
        return try Self.readSecret(
            webhookSecretSource, kind: .webhookSecret, integrationId: id, environment: environment)
    }
}
