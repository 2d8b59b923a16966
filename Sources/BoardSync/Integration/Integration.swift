import Foundation
import MongoDriver
import PlaneAPI
import SyncCore

/// A validated integration: everything a run needs to reach Plane and map the board, read from its
/// `integrations` document. Build it with ``IntegrationLoader``.
public struct Integration: Sendable {
    public enum CredentialSource: Sendable, Equatable, CustomStringConvertible {
        /// The key is stored in the document itself.
        case inline(PlaneAPIKey)
        /// The key is read from this file (a mounted Kubernetes Secret, say).
        case file(String)
        /// The key is read from this environment variable.
        case environment(String)

        /// The same place as the webhook secret's forms name it (an inline key is not copied out of its
        /// ``PlaneAPIKey``: only the place is).
        var place: SecretSource {
            switch self {
            case .inline: .inline("")
            case .file(let path): .file(path)
            case .environment(let name): .environment(name)
            }
        }

        public var description: String { place.description }
    }

    public struct ProjectLink: Sendable, Equatable {
        public var boardProjectId: String
        public var planeProjectId: String
    }

    public var id: String
    public var enabled: Bool
    public var baseURL: URL
    public var workspaceSlug: String
    public var credentialSource: CredentialSource
    public var externalSource: String
    public var rateLimit: PlaneRateLimit
    /// The share of ``rateLimit`` left to other clients of the key (`rate_reserve`, default 0.05).
    public var rateReserve: Double
    public var projects: [ProjectLink]
    /// What the pure decision layer needs: external source, project map, mapping, scope and policy.
    public var configuration: SyncConfiguration
    public var checkpoint: SyncCheckpoint
    /// Where the secret of Plane's webhook deliveries for this integration is (`credentials.webhook_secret`,
    /// `_file` or `_env`); nil: no webhook.
    public var webhookSecretSource: SecretSource? = nil
}

/// Where incremental sync stands for one integration (`integrations.sync_state`).
public struct SyncCheckpoint: Sendable, Equatable {
    /// Board items updated at or after this (less the overlap) are read next.
    public var cursor: Date?
    /// Plane's newest `updated_at` seen, exactly as Plane wrote it (microseconds kept).
    public var remoteWatermark: String?
    public var lastSuccessAt: Date?
    /// When the last board pass (the whole board decided by fingerprint) completed.
    public var boardPassAt: Date?
    /// The configuration digest that pass decided under: another one means the document changed.
    public var configurationDigest: String?
    /// Per Plane project, what its item count is weighed against (SyncCore's ``PlaneCount``).
    public var planeCounts: [String: PlaneCount] = [:]

    public init(
        cursor: Date? = nil, remoteWatermark: String? = nil, lastSuccessAt: Date? = nil, boardPassAt: Date? = nil,
        configurationDigest: String? = nil, planeCounts: [String: PlaneCount] = [:]
    ) {
        self.planeCounts = planeCounts
        self.cursor = cursor
        self.remoteWatermark = remoteWatermark
        self.lastSuccessAt = lastSuccessAt
        self.boardPassAt = boardPassAt
        self.configurationDigest = configurationDigest
    }
}

extension Integration {
    /// Plane's API root: `base_url` plus `/api/v1` (unless the document already gives it).
    public var apiRoot: URL {
        let path = baseURL.path.hasSuffix("/") ? String(baseURL.path.dropLast()) : baseURL.path
        return path.hasSuffix("/api/v1") ? baseURL : baseURL.appendingPathComponent("api/v1")
    }

    /// Plane's web app as people open it and read it: `base_url` without its user information (a proxy's
    /// `user:password@` is for requests only) and without a trailing `/api/v1`.
    public var webRoot: URL {
        let url = Redaction.withoutUserInfo(baseURL)
        guard var components = URLComponents(url: url, resolvingAgainstBaseURL: false) else { return url }
        var path = components.path
        while path.hasSuffix("/") { path.removeLast() }
        if path.hasSuffix("/api/v1") { path.removeLast("/api/v1".count) }
        components.path = path
        return components.url ?? url
    }
}
