import Foundation
import MongoDriver
import PlaneAPI
import SyncCore

/// A validated integration: everything a run needs to reach Plane and map the board, read from its
/// `integrations` document. Build it with ``IntegrationLoader``.
public struct Integration: Sendable {
    public enum CredentialSource: Sendable, CustomStringConvertible {
        /// The key is stored in the document itself.
        case inline(PlaneAPIKey)
        /// The key is read from this file (a mounted Kubernetes Secret, say).
        case file(String)
        /// The key is read from this environment variable.
        case environment(String)

        public var description: String {
            switch self {
            case .inline: "inline in the integrations document"
            case .file(let path): "file \(path)"
            case .environment(let name): "environment variable \(name)"
            }
        }
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
    public var projects: [ProjectLink]
    /// What the pure decision layer needs: external source, project map, mapping, scope and policy.
    public var configuration: SyncConfiguration
    public var checkpoint: SyncCheckpoint
    /// The configuration every mirrored item follows, as recorded after the first complete run and each
    /// full resync; nil before the first. Compared with ``configuration`` to say when a resync is needed.
    public var appliedConfiguration: SyncConfiguration?
}

/// Where incremental sync stands for one integration (`integrations.sync_state`).
public struct SyncCheckpoint: Sendable, Equatable {
    /// Board items updated at or after this (less the overlap) are read next.
    public var cursor: Date?
    /// Plane's newest `updated_at` seen, exactly as Plane wrote it (microseconds kept).
    public var remoteWatermark: String?
    public var lastSuccessAt: Date?

    public init(cursor: Date? = nil, remoteWatermark: String? = nil, lastSuccessAt: Date? = nil) {
        self.cursor = cursor
        self.remoteWatermark = remoteWatermark
        self.lastSuccessAt = lastSuccessAt
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
