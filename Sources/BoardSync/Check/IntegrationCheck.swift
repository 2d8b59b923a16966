import Foundation
import Logging
import MongoDriver
import PlaneAPI
import SyncCore

/// The checks of one valid integration that need Plane: its key (and where it is stored), each mapped
/// project, the status mapping against the project's states, and the board's assignees against its members.
struct IntegrationCheck: Sendable {
    let integration: Integration
    let board: BoardCheck
    let environment: [String: String]
    let requestTimeout: Duration

    func run(into report: inout CheckReport) async {
        let id = integration.id
        let form = integration.credentialSource.description
        let key: PlaneAPIKey
        do {
            key = try integration.apiKey(environment: environment)
        } catch {
            let reasons = error.problems.map { "\($0.field): \($0.reason)" }.joined(separator: "; ")
            report.add(
                CheckResult(
                    .fail, "API key", integration: id, "stored as \(form), but \(reasons)",
                    remedy: "mount the Secret there, set the variable, or fix credentials in the integrations document")
            )
            return
        }
        let client = PlaneClient(
            configuration: PlaneClientConfiguration(
                baseURL: integration.apiRoot, apiKey: key, workspaceSlug: integration.workspaceSlug,
                rateLimit: integration.rateLimit, rateReserve: integration.rateReserve, requestTimeout: requestTimeout,
                retry: PlaneRetryPolicy(maxAttempts: 2), maxThrottledAttempts: 2, userAgent: "BoardSync-check"),
            logger: Logger(label: "boardsync.check"))
        do {
            let me = try await client.me()
            report.add(
                CheckResult(
                    .pass, "API key", integration: id,
                    "accepted by Plane at \(Redaction.display(integration.baseURL)) (users/me: "
                        + "\(me.email ?? me.displayName ?? me.id)); stored as \(form)"))
        } catch let error as PlaneAPIError
            where [.notFound, .unexpectedStatus, .invalidResponse].contains(error.code)
        {
            report.add(
                CheckResult(
                    .fail, "base_url", integration: id,
                    "Plane's API is not at \(Redaction.display(integration.apiRoot)): users/me failed: \(error)",
                    remedy: "set base_url to Plane's address, e.g. https://plane.example.com (without /api/v1)"))
            return
        } catch {
            report.add(
                CheckResult(
                    .fail, "API key", integration: id, "stored as \(form); users/me failed: \(Self.describe(error))",
                    remedy: Self.keyRemedy(error)))
            return
        }
        for project in integration.projects {
            await check(project, client: client, into: &report)
        }
    }

    private func check(_ project: Integration.ProjectLink, client: PlaneClient, into report: inout CheckReport) async {
        let id = integration.id
        let planeId = project.planeProjectId
        let states: [PlaneAPI.PlaneState]
        let members: [PlaneUser]
        do {
            let details = try await client.project(id: planeId)
            states = try await client.states(project: planeId).filter { $0.isTriage != true }
            members = try await client.projectMembers(project: planeId)
            report.add(
                CheckResult(
                    .pass, "Plane project", integration: id,
                    "\(details.name ?? planeId) (\(planeId)) reachable for board project \(project.boardProjectId); "
                        + "\(states.count) states, \(members.count) members"))
        } catch {
            report.add(
                CheckResult(
                    .fail, "Plane project", integration: id,
                    "\(planeId) (board project \(project.boardProjectId)) not reachable: \(Self.describe(error))",
                    remedy: "check projects[].plane_project_id and workspace_slug, and that the key's user is a "
                        + "member of the project"))
            return
        }
        let metadata = PlaneMetadata(
            projectId: planeId,
            states: states.map { SyncCore.PlaneState(id: $0.id, name: $0.name, group: $0.group?.rawValue ?? "") })
        let usage: BoardCheck.Usage
        do {
            usage = try await board.usage(project: project.boardProjectId)
        } catch {
            report.add(
                CheckResult(
                    .fail, "board statuses", integration: id, "board_items could not be read: \(error)",
                    remedy: "check the MongoDB user's read rights on board_items"))
            return
        }
        report.add(statusMapping(project, metadata: metadata, usage: usage))
        report.add(assignees(project, members: members, usage: usage))
    }

    /// Every `mapping.status` entry names a state of the project, and every status on the board is mapped
    /// (or is a state's own name, or out of scope).
    func statusMapping(_ project: Integration.ProjectLink, metadata: PlaneMetadata, usage: BoardCheck.Usage)
        -> CheckResult
    {
        let mapping = integration.configuration.mapping.status
        let missingStates = mapping.filter { metadata.state(named: $0.value) == nil }.sorted { $0.key < $1.key }
        let excluded = integration.configuration.scope.excludeStatuses
        let unmapped = usage.statuses.filter { status, _ in
            mapping[status] == nil && metadata.state(named: status) == nil && !excluded.contains(status)
        }.sorted { $0.key < $1.key }
        var problems: [String] = []
        if !missingStates.isEmpty {
            let names = metadata.states.map { "\"\($0.name)\"" }.joined(separator: ", ")
            problems.append(
                missingStates.map { "\"\($0.key)\" → \"\($0.value)\"" }.joined(separator: ", ")
                    + " name no state of Plane project \(project.planeProjectId) (it has \(names))")
        }
        if !unmapped.isEmpty {
            problems.append(
                "board status(es) "
                    + unmapped.map { "\"\($0.key)\" (\($0.value) item\($0.value == 1 ? "" : "s"))" }.joined(
                        separator: ", ") + " not in mapping.status: those items cannot be mirrored")
        }
        guard problems.isEmpty else {
            return CheckResult(
                .fail, "status mapping", integration: integration.id, problems.joined(separator: "; "),
                remedy: "map every board status to an existing Plane state in mapping.status (or create the state "
                    + "in Plane, or exclude the status with scope.exclude_statuses)")
        }
        return CheckResult(
            .pass, "status mapping", integration: integration.id,
            "\(mapping.count) mapped status(es) name states of \(project.planeProjectId); "
                + "the board's \(usage.statuses.count) status(es) in project \(project.boardProjectId) are all mapped")
    }

    /// Board assignees that are no member of the Plane project: Plane drops them silently (a warning).
    func assignees(_ project: Integration.ProjectLink, members: [PlaneUser], usage: BoardCheck.Usage) -> CheckResult {
        let known = Set(members.compactMap { $0.email?.lowercased() })
        let unknown = usage.assignees.filter { !known.contains($0.key) }.sorted { $0.key < $1.key }
        guard unknown.isEmpty else {
            let list = unknown.prefix(10).map { "\($0.key) (\($0.value))" }.joined(separator: ", ")
            return CheckResult(
                .warning, "assignees", integration: integration.id,
                "\(unknown.count) assignee email(s) on board project \(project.boardProjectId) are not members of "
                    + "Plane project \(project.planeProjectId): \(list)\(unknown.count > 10 ? ", …" : "")",
                remedy: "invite them to the Plane project, or Plane leaves those items without them")
        }
        return CheckResult(
            .pass, "assignees", integration: integration.id,
            "all \(usage.assignees.count) assignee email(s) of board project \(project.boardProjectId) are Plane members"
        )
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? PlaneAPIError { return error.description }
        return "\(error)"
    }

    static func keyRemedy(_ error: any Error) -> String {
        guard let error = error as? PlaneAPIError else { return "check base_url and that Plane is up" }
        switch error.status {
        case 401?, 403?:
            return "make a new Personal Access Token in Plane (Profile settings) and store it where credentials says"
        case nil:
            return "check base_url and that Plane is reachable from here"
        default:
            return "check base_url (Plane's address, without /api/v1) and that Plane is up"
        }
    }
}
