import Foundation
import PlaneAPI
import SyncCore

/// Turns a stored integration into a validated ``Integration``, collecting every problem on the way.
struct IntegrationValidation {
    let document: IntegrationDocument
    private(set) var problems: [IntegrationError.Problem] = []

    init(document: IntegrationDocument) {
        self.document = document
    }

    mutating func integration() -> Integration? {
        let baseURL = url()
        let workspace = required(document.workspaceSlug, "workspace_slug", "the Plane workspace slug, as in its URLs")
        let credentials = credentialSource()
        let source = required(document.externalSource, "external_source", "e.g. \"nexus/\(document.id)\"")
        let rate = rateLimit()
        let reserve = rateReserve()
        let projects = projectLinks()
        let mapping = document.mapping
        let statusMap = mapping?.status ?? [:]
        if statusMap.isEmpty {
            problem("mapping.status", "maps no board status to a Plane state; add e.g. {\"todo\": \"Todo\"}")
        }
        let labelMode = enumValue(mapping?.labels, "mapping.labels", default: SyncConfiguration.LabelMode.merge)
        let timeZone = zone()
        let remoteEdits = enumValue(
            document.policy?.remoteEdits, "policy.remote_edits", default: SyncConfiguration.RemoteEditPolicy.hold)
        let deletes = enumValue(
            document.policy?.deletes, "policy.deletes", default: SyncConfiguration.DeletePolicy.delete)
        let fraction = document.policy?.maxDeleteFraction ?? 0.2
        if !(fraction > 0 && fraction <= 1) {
            problem("policy.max_delete_fraction", "must be more than 0 and at most 1 (it is \(fraction))")
        }
        guard let baseURL, let workspace, let credentials, let source, let rate, timeZone != nil, let labelMode,
            let remoteEdits, let deletes, let reserve
        else { return nil }
        let configuration = SyncConfiguration(
            integrationId: document.id, externalSource: source,
            projects: Dictionary(
                projects.map { ($0.boardProjectId, $0.planeProjectId) }, uniquingKeysWith: { first, _ in first }),
            mapping: SyncConfiguration.Mapping(
                version: mapping?.version ?? 1, status: statusMap, priority: mapping?.priority ?? [:],
                labels: labelMode,
                timezone: document.mapping?.timezone ?? "UTC", backlinkTemplate: mapping?.backlinkTemplate),
            scope: SyncConfiguration.Scope(
                excludeStatuses: Set(document.scope?.excludeStatuses ?? []),
                excludeLabels: Set(document.scope?.excludeLabels ?? []),
                excludeIfField: document.scope?.excludeIfField.map { [$0] } ?? []),
            policy: SyncConfiguration.Policy(remoteEdits: remoteEdits, deletes: deletes, maxDeleteFraction: fraction))
        return Integration(
            id: document.id, enabled: document.enabled ?? false, baseURL: baseURL, workspaceSlug: workspace,
            credentialSource: credentials, externalSource: source, rateLimit: rate, rateReserve: reserve,
            projects: projects,
            configuration: configuration,
            checkpoint: SyncCheckpoint(
                cursor: document.syncState?.cursor, remoteWatermark: document.syncState?.remoteWatermark,
                lastSuccessAt: document.syncState?.lastSuccessAt))
    }

    private mutating func problem(_ field: String, _ reason: String) {
        problems.append(IntegrationError.Problem(field: field, reason: reason))
    }

    private mutating func required(_ value: String?, _ field: String, _ hint: String) -> String? {
        guard let value, !value.trimmingCharacters(in: .whitespaces).isEmpty else {
            problem(field, "is missing or empty (\(hint))")
            return nil
        }
        return value
    }

    private mutating func url() -> URL? {
        guard let text = required(document.baseURL, "base_url", "e.g. https://plane.example.com") else { return nil }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
            url.host?.isEmpty == false
        else {
            problem("base_url", "is not an http(s) URL with a host: \(text)")
            return nil
        }
        return url
    }

    private mutating func credentialSource() -> Integration.CredentialSource? {
        let credentials = document.credentials
        let forms = [credentials?.apiKey, credentials?.apiKeyFile, credentials?.apiKeyEnv].compactMap { $0 }
        guard forms.count == 1 else {
            problem(
                "credentials",
                forms.isEmpty
                    ? "holds no API key: set one of api_key, api_key_file or api_key_env"
                    : "sets more than one of api_key, api_key_file and api_key_env; keep one")
            return nil
        }
        if let key = credentials?.apiKey {
            guard !key.isEmpty else {
                problem("credentials.api_key", "is empty")
                return nil
            }
            return .inline(PlaneAPIKey(key))
        }
        if let file = credentials?.apiKeyFile { return .file(file) }
        return .environment(credentials?.apiKeyEnv ?? "")
    }

    private mutating func rateLimit() -> PlaneRateLimit? {
        let text = document.rateLimit ?? "60/minute"
        guard let rate = PlaneRateLimit(text) else {
            problem("rate_limit", "is not Plane's N/period form (e.g. \"60/minute\"): \(text)")
            return nil
        }
        return rate
    }

    private mutating func rateReserve() -> Double? {
        let share = document.rateReserve ?? PlaneClientConfiguration.defaultRateReserve
        guard share >= 0, share <= 0.5 else {
            problem("rate_reserve", "must be a share of rate_limit from 0 to 0.5, e.g. 0.05 for 5 % (it is \(share))")
            return nil
        }
        return share
    }

    private mutating func projectLinks() -> [Integration.ProjectLink] {
        guard let projects = document.projects, !projects.isEmpty else {
            problem("projects", "maps no board project to a Plane project")
            return []
        }
        var links: [Integration.ProjectLink] = []
        for (index, project) in projects.enumerated() {
            let board = required(
                project.boardProjectId, "projects[\(index)].board_project_id", "the board's project_id")
            let plane = required(
                project.planeProjectId, "projects[\(index)].plane_project_id", "the Plane project's UUID")
            if let plane, UUID(uuidString: plane) == nil {
                problem("projects[\(index)].plane_project_id", "is not a UUID: \(plane)")
            }
            if let board, let plane {
                links.append(Integration.ProjectLink(boardProjectId: board, planeProjectId: plane))
            }
        }
        let boards = links.map(\.boardProjectId)
        if Set(boards).count != boards.count {
            problem("projects", "maps one board project to more than one Plane project")
        }
        return links
    }

    private mutating func zone() -> TimeZone? {
        let identifier = document.mapping?.timezone ?? "UTC"
        guard let zone = TimeZone(identifier: identifier) else {
            problem(
                "mapping.timezone", "is not a time zone identifier (e.g. \"UTC\", \"Europe/Berlin\"): \(identifier)")
            return nil
        }
        return zone
    }

    private mutating func enumValue<T: RawRepresentable<String>>(_ text: String?, _ field: String, default fallback: T)
        -> T?
    {
        guard let text else { return fallback }
        guard let value = T(rawValue: text) else {
            problem(field, "has an unknown value \"\(text)\"")
            return nil
        }
        return value
    }
}
