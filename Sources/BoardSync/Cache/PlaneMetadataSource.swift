import Essentials
import Foundation
import PlaneAPI
import SyncCache
import SyncCore

/// One part of Plane's metadata, one request to read: the key's user and the workspace's roles, and per
/// project its details (default assignee), states, labels and members.
enum MetadataPart: Hashable, CustomStringConvertible {
    case ownUser, roles
    case details(String), states(String), labels(String), members(String)

    /// The workspace's parts are kept under this project.
    static let workspace = "*"

    init(_ kind: MetadataKind, project: String) {
        switch kind {
        case .states: self = .states(project)
        case .labels: self = .labels(project)
        case .members: self = .members(project)
        }
    }

    init?(kind: String, project: String) {
        switch kind {
        case "me": self = .ownUser
        case "roles": self = .roles
        case "project": self = .details(project)
        case "states": self = .states(project)
        case "labels": self = .labels(project)
        case "members": self = .members(project)
        default: return nil
        }
    }

    var kind: String {
        switch self {
        case .ownUser: "me"
        case .roles: "roles"
        case .details: "project"
        case .states: "states"
        case .labels: "labels"
        case .members: "members"
        }
    }

    var project: String {
        switch self {
        case .ownUser, .roles: Self.workspace
        case .details(let project), .states(let project), .labels(let project), .members(let project): project
        }
    }

    var description: String { project == Self.workspace ? kind : "\(kind) of project \(project)" }

    /// Every part a run needs, in the order of a first read (`users/me` first: it blames a bad key or address).
    static func all(_ projects: [String]) -> [MetadataPart] {
        [.ownUser, .roles] + projects.flatMap { [.details($0), .states($0), .labels($0), .members($0)] }
    }
}

/// Plane's metadata for one run (or one `explain`, one `--take-plane`), through the SQLite cache: each part is
/// used from the cache while it is younger than the TTL and read from Plane otherwise, and read again at once
/// on evidence that it is stale (``MetadataEvidence``), once per run. Any cache failure means "read Plane".
final class PlaneMetadataSource {
    private struct Copy {
        var payload: Data
        var fetchedAt: Date
        var absent: Set<String>
        var readThisRun: Bool
    }

    private struct Details: Codable {
        var defaultAssignee: String?
    }

    let loader: PlaneMetadataLoader
    let cache: RunCache?
    let ttl: Duration
    let now: @Sendable () -> Date
    /// Metadata requests this run sent (the summary's `metadata_reads`).
    private(set) var reads = 0
    private var copies: [MetadataPart: Copy] = [:]
    private var cacheRead = false

    init(loader: PlaneMetadataLoader, cache: RunCache?, ttl: Duration, now: @escaping @Sendable () -> Date) {
        self.loader = loader
        self.cache = cache
        self.ttl = ttl
        self.now = now
    }

    /// The metadata of `projects`: every part young enough from the cache, the rest read from Plane (and kept).
    func context(projects: [String]) async throws -> PlaneContext {
        if !cacheRead {
            cacheRead = true
            await readCache(projects)
        }
        var fetched: [MetadataPart] = []
        for part in MetadataPart.all(projects) where !isFresh(part) {
            try await fetch(part)
            fetched.append(part)
        }
        await save(fetched)
        return assemble(projects)
    }

    /// Whether the cache holds a copy of every part, of any age: then a run reads Plane's changes first and
    /// the metadata only when there is something to decide (an idle tick sends no metadata request).
    func hasCopies(projects: [String]) async -> Bool {
        if !cacheRead {
            cacheRead = true
            await readCache(projects)
        }
        return MetadataPart.all(projects).allSatisfy { copies[$0] != nil }
    }

    /// The metadata as the cache holds it, whatever its age (after ``hasCopies(projects:)`` said it holds every
    /// part): what a run plans with first when SyncCore's ``ExpiredMetadataRule`` may let the plan stand.
    func copiedContext(projects: [String]) -> PlaneContext { assemble(projects) }

    /// Whether the part was read from Plane in this run (then a refusal is no reason to read it again).
    func wasRead(_ kind: MetadataKind, project: String) -> Bool {
        copies[MetadataPart(kind, project: project)]?.readThisRun ?? false
    }

    /// Reads again, once per run, each part the evidence points at, unless it was read this run or its
    /// value is known to be absent from it. Returns the parts read.
    @discardableResult
    func refresh(_ evidence: [StaleMetadata]) async throws -> [MetadataPart] {
        var parts: [MetadataPart] = []
        for item in evidence {
            let part = MetadataPart(item.kind, project: item.projectId)
            guard !parts.contains(part), let copy = copies[part], !copy.readThisRun else { continue }
            if !item.value.isEmpty, copy.absent.contains(item.value) { continue }
            parts.append(part)
        }
        for part in parts { try await fetch(part) }
        // New members take their role from the workspace's list: read it too when it does not know one.
        let roles = decode([String: Int].self, .roles) ?? [:]
        let newcomer = parts.contains { part in
            guard case .members = part else { return false }
            return (decode([PlaneProjectMember].self, part) ?? []).contains { roles[$0.id] == nil }
        }
        if newcomer, copies[.roles]?.readThisRun == false {
            try await fetch(.roles)
            parts.append(.roles)
        }
        await save(parts)
        return parts
    }

    /// The evidence's values were looked for in the parts as they are now and not found: the same values
    /// are no evidence again until the parts expire.
    func recordAbsent(_ evidence: [StaleMetadata]) async {
        var changed: [MetadataPart] = []
        for item in evidence where !item.value.isEmpty {
            let part = MetadataPart(item.kind, project: item.projectId)
            guard var copy = copies[part], copy.absent.insert(item.value).inserted else { continue }
            copies[part] = copy
            if !changed.contains(part) { changed.append(part) }
        }
        await save(changed)
    }

    /// Plane dropped these members as assignees although the members list shows them (Plane lists former
    /// members too): they count as inactive until the list is read again. Returns their emails.
    func markInactive(project: String, memberIds: [String]) async -> [String] {
        let part = MetadataPart.members(project)
        guard var members = decode([PlaneProjectMember].self, part) else { return [] }
        let ids = Set(memberIds)
        var emails: [String] = []
        for index in members.indices where ids.contains(members[index].id) {
            members[index].inactive = true
            emails.append(members[index].email)
        }
        replace(part, members)
        await save([part])
        return emails
    }

    /// Labels this run created: known without reading the list again.
    func add(labels: [SyncCore.PlaneLabel], project: String) async {
        let part = MetadataPart.labels(project)
        guard !labels.isEmpty, var known = decode([SyncCore.PlaneLabel].self, part) else { return }
        let ids = Set(known.map(\.id))
        known += labels.filter { !ids.contains($0.id) }
        replace(part, known)
        await save([part])
    }

    // MARK: - Reading

    private func isFresh(_ part: MetadataPart) -> Bool {
        guard let copy = copies[part] else { return false }
        if copy.readThisRun { return true }
        let age = now().timeIntervalSince(copy.fetchedAt)
        // A copy from the future (a clock set back) is not trusted.
        return age >= -60 && age <= ttl.inSeconds
    }

    private func fetch(_ part: MetadataPart) async throws {
        let before = loader.client.stats.reads
        defer { reads += loader.client.stats.reads - before }
        let payload: Data
        let encoder = JSONEncoder()
        switch part {
        case .ownUser: payload = try encoder.encode(try await loader.ownUser())
        case .roles: payload = try encoder.encode(try await loader.roles())
        case .details(let project):
            payload = try encoder.encode(Details(defaultAssignee: try await loader.defaultAssignee(project: project)))
        case .states(let project): payload = try encoder.encode(try await loader.states(project: project))
        case .labels(let project): payload = try encoder.encode(try await loader.labels(project: project))
        case .members(let project): payload = try encoder.encode(try await loader.members(project: project))
        }
        copies[part] = Copy(payload: payload, fetchedAt: now(), absent: [], readThisRun: true)
    }

    private func readCache(_ projects: [String]) async {
        guard
            let kept = await cache?.use({ cache, scope in
                try await cache.metadata(scope: scope, projects: projects + [MetadataPart.workspace])
            })
        else { return }
        for entry in kept {
            guard let part = MetadataPart(kind: entry.kind, project: entry.project) else { continue }
            copies[part] = Copy(
                payload: entry.payload, fetchedAt: entry.fetchedAt, absent: entry.absent, readThisRun: false)
            // A payload this build cannot read (written by another version) is read from Plane instead.
            if !decodes(part) { copies[part] = nil }
        }
    }

    private func save(_ parts: [MetadataPart]) async {
        let entries = parts.compactMap { part in
            copies[part].map {
                CachedMetadata(
                    kind: part.kind, project: part.project, payload: $0.payload, absent: $0.absent,
                    fetchedAt: $0.fetchedAt)
            }
        }
        guard !entries.isEmpty else { return }
        _ = await cache?.use { cache, scope in try await cache.saveMetadata(scope: scope, entries) }
    }

    // MARK: - Assembling

    private func assemble(_ projects: [String]) -> PlaneContext {
        let roles = decode([String: Int].self, .roles) ?? [:]
        var context = PlaneContext(ownUserId: decode(String.self, .ownUser), projects: [:])
        for project in projects {
            context.projects[project] = PlaneMetadata(
                projectId: project, states: decode([SyncCore.PlaneState].self, .states(project)) ?? [],
                labels: decode([SyncCore.PlaneLabel].self, .labels(project)) ?? [],
                members: PlaneMetadataLoader.members(
                    decode([PlaneProjectMember].self, .members(project)) ?? [], roles: roles),
                defaultAssigneeId: decode(Details.self, .details(project))?.defaultAssignee)
        }
        return context
    }

    private func decode<T: Decodable>(_ type: T.Type, _ part: MetadataPart) -> T? {
        copies[part].flatMap { try? JSONDecoder().decode(type, from: $0.payload) }
    }

    private func decodes(_ part: MetadataPart) -> Bool {
        switch part {
        case .ownUser: decode(String.self, part) != nil
        case .roles: decode([String: Int].self, part) != nil
        case .details: decode(Details.self, part) != nil
        case .states: decode([SyncCore.PlaneState].self, part) != nil
        case .labels: decode([SyncCore.PlaneLabel].self, part) != nil
        case .members: decode([PlaneProjectMember].self, part) != nil
        }
    }

    private func replace<T: Encodable>(_ part: MetadataPart, _ value: T) {
        guard var copy = copies[part], let payload = try? JSONEncoder().encode(value) else { return }
        copy.payload = payload
        copies[part] = copy
    }
}
