/// The `/api/v1/` routes the simulator serves, matched the way Django's URL resolver does
/// (trailing slash required, lowercase UUIDs only).
enum PlaneRoute: Equatable, Sendable {
    case usersMe
    case workspaceMembers(slug: String)
    case projects(slug: String)
    case project(slug: String, projectID: String)
    case states(slug: String, projectID: String)
    case state(slug: String, projectID: String, stateID: String)
    case labels(slug: String, projectID: String)
    case label(slug: String, projectID: String, labelID: String)
    case projectMembers(slug: String, projectID: String)
    /// `members/{id}/`: the id is the membership's, not the user's.
    case projectMember(slug: String, projectID: String, membershipID: String)
    case workItems(slug: String, projectID: String)
    case workItem(slug: String, projectID: String, itemID: String)
    case links(slug: String, projectID: String, itemID: String)

    /// The `Allow` header Django REST framework sends for this route.
    var allow: String {
        switch self {
        case .usersMe, .workspaceMembers: return "GET"
        case .workItem, .project, .state, .label: return "GET, PATCH, DELETE"
        case .projectMember: return "PATCH, DELETE, GET"
        default: return "GET, POST"
        }
    }

    var slug: String? {
        switch self {
        case .usersMe: return nil
        case .workspaceMembers(let slug), .projects(let slug), .project(let slug, _), .states(let slug, _),
            .state(let slug, _, _), .labels(let slug, _), .label(let slug, _, _), .projectMembers(let slug, _),
            .projectMember(let slug, _, _), .workItems(let slug, _), .workItem(let slug, _, _), .links(let slug, _, _):
            return slug
        }
    }

    /// The project a route works in, if any (`projects/{id}/` itself is not project-scoped for permissions).
    var projectID: String? {
        switch self {
        case .states(_, let id), .state(_, let id, _), .labels(_, let id), .label(_, let id, _),
            .projectMembers(_, let id), .projectMember(_, let id, _), .workItems(_, let id), .workItem(_, let id, _),
            .links(_, let id, _):
            return id
        default: return nil
        }
    }

    /// Matches a path below `/api/v1/`; nil means Django's 404 page.
    static func match(_ path: String) -> PlaneRoute? {
        guard path.hasPrefix("/api/v1/"), path.hasSuffix("/") else { return nil }
        let parts = path.dropFirst("/api/v1/".count).dropLast().split(separator: "/", omittingEmptySubsequences: false)
            .map(String.init)
        if parts == ["users", "me"] { return .usersMe }
        guard parts.count >= 3, parts[0] == "workspaces", isSlug(parts[1]) else { return nil }
        let slug = parts[1]
        if parts.count == 3 {
            switch parts[2] {
            case "members": return .workspaceMembers(slug: slug)
            case "projects": return .projects(slug: slug)
            default: return nil
            }
        }
        guard parts[2] == "projects", isUUID(parts[3]) else { return nil }
        let project = parts[3]
        let rest = Array(parts.dropFirst(4))
        switch rest.count {
        case 0: return .project(slug: slug, projectID: project)
        case 1:
            switch rest[0] {
            case "states": return .states(slug: slug, projectID: project)
            case "labels": return .labels(slug: slug, projectID: project)
            case "members", "project-members": return .projectMembers(slug: slug, projectID: project)
            case "work-items", "issues": return .workItems(slug: slug, projectID: project)
            default: return nil
            }
        case 2 where isUUID(rest[1]):
            switch rest[0] {
            case "work-items", "issues": return .workItem(slug: slug, projectID: project, itemID: rest[1])
            case "states": return .state(slug: slug, projectID: project, stateID: rest[1])
            case "labels": return .label(slug: slug, projectID: project, labelID: rest[1])
            case "members", "project-members":
                return .projectMember(slug: slug, projectID: project, membershipID: rest[1])
            default: return nil
            }
        case 3 where (rest[0] == "work-items" || rest[0] == "issues") && isUUID(rest[1]) && rest[2] == "links":
            return .links(slug: slug, projectID: project, itemID: rest[1])
        default: return nil
        }
    }

    static func isUUID(_ text: String) -> Bool {
        let groups = text.split(separator: "-", omittingEmptySubsequences: false)
        guard groups.map(\.count) == [8, 4, 4, 4, 12] else { return false }
        return groups.allSatisfy { $0.allSatisfy { ("0"..."9").contains($0) || ("a"..."f").contains($0) } }
    }

    private static func isSlug(_ text: String) -> Bool {
        !text.isEmpty && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }
}
