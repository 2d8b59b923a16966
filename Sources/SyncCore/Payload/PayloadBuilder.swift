import Foundation

/// Board item + configuration + Plane metadata → the desired Plane payload, or why not.
public struct PayloadBuilder: Sendable {
    public static let maxNameCodePoints = 255
    static let planePriorities: Set<String> = ["urgent", "high", "medium", "low", "none"]

    public var configuration: SyncConfiguration

    public init(configuration: SyncConfiguration) {
        self.configuration = configuration
    }

    /// Builds the payload of `item` for the Plane project `metadata` describes.
    public func build(_ item: BoardItem, metadata: PlaneMetadata, parent: ParentResolution) -> PayloadOutcome {
        build(item, metadata: metadata, parent: parent, renderingDescription: true)
    }

    /// As above; with `renderingDescription` false the description is left empty (the decider's quick pass for
    /// unchanged items, which never reads it). Every check is made either way.
    func build(_ item: BoardItem, metadata: PlaneMetadata, parent: ParentResolution, renderingDescription: Bool)
        -> PayloadOutcome
    {
        let mapping = configuration.mapping
        let externalIdLength = item.id.externalId.unicodeScalars.count
        if externalIdLength > Self.maxNameCodePoints {
            return .problem(.externalIdTooLong(codePoints: externalIdLength))
        }
        let name: String
        switch Self.validateTitle(item.title) {
        case .success(let trimmed): name = trimmed
        case .failure(let problem): return .problem(problem)
        }
        let stateId: String
        switch resolveState(item.status, metadata: metadata) {
        case .success(let id): stateId = id
        case .failure(let problem): return .problem(problem)
        }
        var notes: [PayloadNote] = []
        let startDate = item.startDate.map { CalendarDay.string(for: $0, timeZoneId: mapping.timezone) }
        let dueDate = item.dueDate.map { CalendarDay.string(for: $0, timeZoneId: mapping.timezone) }
        if startDate == .some(nil) || dueDate == .some(nil) { return .problem(.unknownTimeZone(mapping.timezone)) }
        if let start = startDate ?? nil, let due = dueDate ?? nil, start > due {
            return .problem(.startAfterDue(start: start, due: due))
        }
        var parentId: String?
        var pendingParent: BoardItemID?
        switch parent {
        case .none: break
        case .inPlane(let project, let id):
            if item.parentId == item.id { return .problem(.parentIsSelf) }
            guard project == metadata.projectId else {
                return .problem(.parentInOtherProject(parent: item.parentId ?? item.id, planeProjectId: project))
            }
            parentId = id
        case .pendingInPlan(let id): pendingParent = id
        case .notYetInPlane(let id):
            if id == item.id { return .problem(.parentIsSelf) }
            return .waitingForParent(id)
        }
        let labelNames = Set((item.labels ?? []).map { $0.trimmedWhitespace.lowercased() }.filter { !$0.isEmpty })
        if labelNames.count > configuration.policy.maxLabelsPerItem {
            return .problem(.tooManyLabels(count: labelNames.count, max: configuration.policy.maxLabelsPerItem))
        }
        let priority = resolvePriority(item.priority, notes: &notes)
        let (labelIds, missingLabels) = resolveLabels(item.labels ?? [], metadata: metadata)
        notes += missingLabels.map(PayloadNote.labelToCreate)
        let assigneeIds = resolveAssignees(item.assignees ?? [], metadata: metadata, notes: &notes)
        let renderer = DescriptionRenderer(backlinkTemplate: mapping.backlinkTemplate)
        let values = PlaneValues(
            name: name,
            descriptionHTML: renderingDescription
                ? renderer.render(markdown: item.description, id: item.id, projectId: item.projectId) : "",
            stateId: stateId, priority: priority, labelIds: labelIds, assigneeIds: assigneeIds,
            startDate: startDate ?? nil, targetDate: dueDate ?? nil, parentId: parentId)
        return .ready(
            DesiredPayload(
                boardItemId: item.id, planeProjectId: metadata.projectId, values: values,
                externalSource: configuration.externalSource, externalId: item.id.externalId,
                missingLabels: missingLabels, pendingParent: pendingParent, notes: notes))
    }

    /// The trimmed title, or the problem: missing, empty, NUL, over 255 code points.
    public static func validateTitle(_ title: String?) -> Result<String, ItemProblem> {
        guard let title else { return .failure(.titleMissing) }
        if title.unicodeScalars.contains("\u{0}") { return .failure(.titleContainsNUL) }
        let trimmed = title.trimmedWhitespace
        if trimmed.isEmpty { return .failure(.titleEmpty) }
        let count = trimmed.unicodeScalars.count
        if count > maxNameCodePoints { return .failure(.titleTooLong(codePoints: count)) }
        return .success(trimmed)
    }

    private func resolveState(_ status: String?, metadata: PlaneMetadata) -> Result<String, ItemProblem> {
        guard let status else {
            return metadata.defaultState.map { .success($0.id) } ?? .failure(.noDefaultState)
        }
        if let stateName = configuration.mapping.status[status] {
            return metadata.state(named: stateName).map { .success($0.id) }
                ?? .failure(.mappedStateMissing(status: status, stateName: stateName))
        }
        return metadata.state(named: status).map { .success($0.id) } ?? .failure(.unknownStatus(status))
    }

    private func resolvePriority(_ priority: String?, notes: inout [PayloadNote]) -> String {
        guard let priority else { return "none" }
        if let mapped = configuration.mapping.priority[priority], Self.planePriorities.contains(mapped) {
            return mapped
        }
        if Self.planePriorities.contains(priority) { return priority }
        notes.append(.unmappedPriority(priority))
        return "none"
    }

    private func resolveLabels(_ names: [String], metadata: PlaneMetadata) -> ([String], [String]) {
        var ids: [String] = []
        var missing: [String] = []
        for raw in names {
            let name = raw.trimmedWhitespace
            guard !name.isEmpty else { continue }
            if let label = metadata.label(named: name) {
                ids.append(label.id)
            } else if !missing.contains(where: { $0.lowercased() == name.lowercased() }) {
                missing.append(name)
            }
        }
        return (ids, missing)
    }

    private func resolveAssignees(_ emails: [String], metadata: PlaneMetadata, notes: inout [PayloadNote]) -> [String] {
        var ids: [String] = []
        var seen: Set<String> = []
        for raw in emails {
            let email = raw.trimmedWhitespace.lowercased()
            guard !email.isEmpty, seen.insert(email).inserted else { continue }
            guard let member = metadata.member(email: email) else {
                notes.append(.unknownAssignee(email))
                continue
            }
            if !member.isActive {
                notes.append(.inactiveAssignee(email))
            } else if member.role < 15 {
                notes.append(.guestAssignee(email))
            } else {
                ids.append(member.id)
            }
        }
        return ids
    }
}
