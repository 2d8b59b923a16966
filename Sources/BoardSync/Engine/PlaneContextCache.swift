import Foundation
import Logging
import SyncCache
import SyncCore

/// Plane metadata in the SQLite cache, per integration and Plane project, for a short time: a run within
/// `maxAge` of the last read makes no metadata request. The cache is only a copy: any error reading or
/// writing it means "read Plane", never a failed run.
struct PlaneContextCache: Sendable {
    static let projectKind = "project_metadata"
    static let ownUserKind = "own_user"
    /// The own user is not per project; it is kept under this project id.
    static let workspaceKey = "*"

    let cache: SyncCache
    let integrationId: String
    var maxAge: Duration = .seconds(300)
    let logger: Logger

    /// The cached context, or nil when any part is missing, expired or unreadable.
    func load(projects: [String], now: Date) async -> PlaneContext? {
        do {
            guard
                let own = try await cache.metadata(
                    integrationId: integrationId, planeProjectId: Self.workspaceKey, kind: Self.ownUserKind,
                    maxAge: maxAge, now: now)
            else { return nil }
            var context = PlaneContext(ownUserId: String(decoding: own.payload, as: UTF8.self), projects: [:])
            for project in projects {
                guard
                    let cached = try await cache.metadata(
                        integrationId: integrationId, planeProjectId: project, kind: Self.projectKind, maxAge: maxAge,
                        now: now)
                else { return nil }
                context.projects[project] = try JSONDecoder().decode(PlaneMetadata.self, from: cached.payload)
            }
            return context
        } catch {
            logger.warning("Plane metadata cache not used: \(error)")
            return nil
        }
    }

    func save(_ context: PlaneContext, fetchedAt: Date) async {
        do {
            for (project, metadata) in context.projects {
                try await cache.saveMetadata(
                    integrationId: integrationId, planeProjectId: project, kind: Self.projectKind,
                    payload: try JSONEncoder().encode(metadata), fetchedAt: fetchedAt)
            }
            try await cache.saveMetadata(
                integrationId: integrationId, planeProjectId: Self.workspaceKey, kind: Self.ownUserKind,
                payload: Data((context.ownUserId ?? "").utf8), fetchedAt: fetchedAt)
        } catch {
            logger.warning("Plane metadata not cached: \(error)")
        }
    }

    /// After the run changed Plane's metadata (labels created), the next run reads it again.
    func invalidate(projects: [String]) async {
        do {
            for project in projects {
                try await cache.saveMetadata(
                    integrationId: integrationId, planeProjectId: project, kind: Self.projectKind, payload: Data(),
                    fetchedAt: .distantPast)
            }
        } catch {
            logger.warning("Plane metadata cache not invalidated: \(error)")
        }
    }
}
