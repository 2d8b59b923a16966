import Foundation
import MongoDriver
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
        let workspace = workspaceSlug()
        let credentials = credentialSource()
        let webhookSecret = webhookSecretSource()
        let source = externalSource()
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
        let limits = policyLimits()
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
            policy: SyncConfiguration.Policy(
                remoteEdits: remoteEdits, deletes: deletes, maxDeleteFraction: fraction,
                boardPassEvery: limits.boardPassMinutes * 60, maxLabelsPerItem: limits.labelsPerItem,
                maxLabelCreationsPerRun: limits.labelCreationsPerRun,
                adoptByTitle: document.policy?.adoptByTitle ?? false))
        return Integration(
            id: document.id, enabled: document.enabled ?? false, baseURL: baseURL, workspaceSlug: workspace,
            credentialSource: credentials, externalSource: source, rateLimit: rate, rateReserve: reserve,
            projects: projects,
            configuration: configuration,
            checkpoint: SyncCheckpoint(
                cursor: document.syncState?.cursor, remoteWatermark: document.syncState?.remoteWatermark,
                lastSuccessAt: document.syncState?.lastSuccessAt, boardPassAt: document.syncState?.boardPassAt,
                configurationDigest: document.syncState?.configurationDigest,
                planeCounts: (document.syncState?.planeCounts ?? [:]).mapValues {
                    PlaneCount(offset: $0.offset, mark: $0.mark)
                }),
            webhookSecretSource: webhookSecret)
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

    /// Plane's address. Its user information (a proxy's `user:password@`) is allowed but never shown, and a
    /// value that does not parse is not echoed either: it may hold that password.
    private mutating func url() -> URL? {
        guard let text = required(document.baseURL, "base_url", "e.g. https://plane.example.com") else { return nil }
        guard let url = URL(string: text.trimmingCharacters(in: .whitespaces)),
            let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme), url.host?.isEmpty == false
        else {
            problem(
                "base_url",
                "is not an http(s) URL with a host (the value is not shown: it may hold a password); "
                    + "write it like https://plane.example.com")
            return nil
        }
        guard url.query == nil, url.fragment == nil else {
            problem("base_url", "has a query or a fragment (\(Redaction.display(url))); give Plane's address only")
            return nil
        }
        return url
    }

    private mutating func workspaceSlug() -> String? {
        guard let slug = required(document.workspaceSlug, "workspace_slug", "the Plane workspace slug, as in its URLs")
        else { return nil }
        // Plane's slugs are Django SlugFields: letters, digits, `-` and `_`; anything else breaks every path.
        guard slug.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            problem("workspace_slug", "\"\(slug)\" is not a Plane workspace slug (letters, digits, - and _ only)")
            return nil
        }
        return slug
    }

    private mutating func externalSource() -> String? {
        guard let source = required(document.externalSource, "external_source", "e.g. \"nexus/\(document.id)\"")
        else { return nil }
        if source.trimmingCharacters(in: .whitespacesAndNewlines) != source {
            problem("external_source", "has leading or trailing spaces; Plane compares it exactly: remove them")
            return nil
        }
        if source.count > 255 {
            problem("external_source", "is \(source.count) characters long; Plane keeps at most 255")
            return nil
        }
        return source
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
            do {
                return .inline(
                    try Integration.checkedKey(
                        key, integrationId: document.id, field: "credentials.api_key", source: "the key"))
            } catch {
                problems += error.problems
                return nil
            }
        }
        if credentials?.apiKeyFile != nil {
            return required(credentials?.apiKeyFile, "credentials.api_key_file", "the file holding the key")
                .map { .file($0) }
        }
        guard let name = required(credentials?.apiKeyEnv, "credentials.api_key_env", "the variable holding the key")
        else { return nil }
        return .environment(name)
    }

    /// The webhook secret is optional; at most one of its three forms, an inline one checked like a key.
    private mutating func webhookSecretSource() -> SecretSource? {
        let credentials = document.credentials
        let forms: [SecretSource] = [
            credentials?.webhookSecret.map { .inline($0) }, credentials?.webhookSecretFile.map { .file($0) },
            credentials?.webhookSecretEnv.map { .environment($0) },
        ].compactMap { $0 }
        guard forms.count <= 1 else {
            problem(
                "credentials",
                "sets more than one of webhook_secret, webhook_secret_file and webhook_secret_env; keep one")
            return nil
        }
        switch forms.first {
        case .inline(let secret)?:
            do {
                return .inline(
                    try Integration.checkedSecret(
                        secret, kind: .webhookSecret, integrationId: document.id,
                        field: "credentials.webhook_secret", source: "the secret"))
            } catch {
                problems += error.problems
                return nil
            }
        case .file(let path)?:
            return required(path, "credentials.webhook_secret_file", "the file holding the secret").map { .file($0) }
        case .environment(let name)?:
            return required(name, "credentials.webhook_secret_env", "the variable holding the secret")
                .map { .environment($0) }
        case nil:
            return nil
        }
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
        var entries: [ProjectMappingRules.Entry] = []
        for (index, project) in projects.enumerated() {
            let board = required(
                project.boardProjectId, "projects[\(index)].board_project_id", "the board's project_id")
            var plane = required(
                project.planeProjectId, "projects[\(index)].plane_project_id", "the Plane project's UUID")
            if let text = plane {
                // Plane's URLs take the UUID in lowercase only: one written in capitals is the same project.
                plane = UUID(uuidString: text).map { $0.uuidString.lowercased() }
                if plane == nil { problem("projects[\(index)].plane_project_id", "is not a UUID: \(text)") }
            }
            if let board, board.trimmingCharacters(in: .whitespacesAndNewlines) != board {
                problem(
                    "projects[\(index)].board_project_id",
                    "\"\(board)\" has leading or trailing spaces; board items' project_id is compared exactly")
            }
            if let board, let plane {
                links.append(Integration.ProjectLink(boardProjectId: board, planeProjectId: plane))
                entries.append(ProjectMappingRules.Entry(boardProjectId: board, planeProjectId: plane))
            }
        }
        for clash in ProjectMappingRules.problems(entries) {
            problem("projects", clash.reason)
        }
        return links
    }

    /// `policy.board_pass_minutes` (default 60), `policy.max_labels_per_item` and
    /// `policy.max_label_creations_per_run` (default 25 each).
    private mutating func policyLimits() -> (boardPassMinutes: Double, labelsPerItem: Int, labelCreationsPerRun: Int) {
        typealias Policy = SyncConfiguration.Policy
        let minutes = document.policy?.boardPassMinutes ?? Policy.defaultBoardPassEvery / 60
        if !(minutes >= 1 && minutes <= 10_080) {
            problem("policy.board_pass_minutes", "must be between 1 and 10080 (a week); it is \(minutes)")
        }
        let labels = document.policy?.maxLabelsPerItem ?? Policy.defaultMaxLabelsPerItem
        if labels < 1 { problem("policy.max_labels_per_item", "must be at least 1; it is \(labels)") }
        let creations = document.policy?.maxLabelCreationsPerRun ?? Policy.defaultMaxLabelCreationsPerRun
        if creations < 1 { problem("policy.max_label_creations_per_run", "must be at least 1; it is \(creations)") }
        return (minutes, labels, creations)
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
