import Foundation

/// Board item + configuration + Plane metadata → the desired Plane payload, or why not.
public struct PayloadBuilder: Sendable {
    public static let maxNameCodePoints = 255
    static let planePriorities: Set<String> = ["urgent", "high", "medium", "low", "none"]

    public var configuration: SyncConfiguration

    public init(configuration: SyncConfiguration) {
        self.configuration = configuration
    }

    /// What ``build(_:metadata:parent:)`` checks, in its order, and the values the checks find.
    private struct Checked {
        var name: String
        var stateId: String
        var parentId: String?
        var pendingParent: BoardItemID?
    }

    /// The outcome of ``check(_:metadata:parent:)``: passed, or the outcome `build` gives instead of a payload.
    private enum Check {
        case passed(Checked)
        case refused(PayloadOutcome)
    }

    /// Builds the payload of `item` for the Plane project `metadata` describes.
    public func build(_ item: BoardItem, metadata: PlaneMetadata, parent: ParentResolution) -> PayloadOutcome {
        let checked: Checked
        switch check(item, metadata: metadata, parent: parent) {
        case .passed(let passed): checked = passed
        case .refused(let outcome): return outcome
        }
        let mapping = configuration.mapping
        var notes: [PayloadNote] = []
        let priority = resolvePriority(item.priority, notes: &notes)
        let (labelIds, missingLabels) = resolveLabels(item.labels ?? [], metadata: metadata)
        notes += missingLabels.map(PayloadNote.labelToCreate)
        let assigneeIds = resolveAssignees(item.assignees ?? [], metadata: metadata, notes: &notes)
        let renderer = DescriptionRenderer(backlinkTemplate: mapping.backlinkTemplate)
        let values = PlaneValues(
            name: checked.name,
            descriptionHTML: renderer.render(markdown: item.description, id: item.id, projectId: item.projectId),
            stateId: checked.stateId, priority: priority, labelIds: labelIds, assigneeIds: assigneeIds,
            startDate: item.startDate.flatMap { CalendarDay.string(for: $0, timeZoneId: mapping.timezone) },
            targetDate: item.dueDate.flatMap { CalendarDay.string(for: $0, timeZoneId: mapping.timezone) },
            parentId: checked.parentId)
        return .ready(
            DesiredPayload(
                boardItemId: item.id, planeProjectId: metadata.projectId, values: values,
                externalSource: configuration.externalSource, externalId: item.id.externalId,
                missingLabels: missingLabels, pendingParent: checked.pendingParent, notes: notes))
    }

    /// True when ``build(_:metadata:parent:)`` gives a payload whose parent is known in Plane (or absent): every
    /// check, none of the label, member and priority look-ups, no calendar day unless the dates need one.
    /// The decider's test for an unchanged item, which never reads the payload's values.
    func buildsWithKnownParent(_ item: BoardItem, metadata: PlaneMetadata, parent: ParentResolution) -> Bool {
        guard case .passed(let checked) = check(item, metadata: metadata, parent: parent) else { return false }
        return checked.pendingParent == nil
    }

    private func check(_ item: BoardItem, metadata: PlaneMetadata, parent: ParentResolution) -> Check {
        // The UTF-8 length bounds the code points: an id that short needs no count.
        if item.id.externalId.utf8.count > Self.maxNameCodePoints {
            let externalIdLength = item.id.externalId.unicodeScalars.count
            if externalIdLength > Self.maxNameCodePoints {
                return .refused(.problem(.externalIdTooLong(codePoints: externalIdLength)))
            }
        }
        let name: String
        switch Self.validateTitle(item.title) {
        case .success(let trimmed): name = trimmed
        case .failure(let problem): return .refused(.problem(problem))
        }
        let stateId: String
        switch resolveState(item.status, metadata: metadata) {
        case .success(let id): stateId = id
        case .failure(let problem): return .refused(.problem(problem))
        }
        if let problem = datesProblem(item) { return .refused(.problem(problem)) }
        var checked = Checked(name: name, stateId: stateId)
        switch parent {
        case .none: break
        case .inPlane(let project, let id):
            if item.parentId == item.id { return .refused(.problem(.parentIsSelf)) }
            guard project == metadata.projectId else {
                return .refused(
                    .problem(.parentInOtherProject(parent: item.parentId ?? item.id, planeProjectId: project)))
            }
            checked.parentId = id
        case .pendingInPlan(let id): checked.pendingParent = id
        case .notYetInPlane(let id):
            if id == item.id { return .refused(.problem(.parentIsSelf)) }
            return .refused(.waitingForParent(id))
        }
        let maxLabels = configuration.policy.maxLabelsPerItem
        // Distinct names are never more than names: a short list needs no set.
        if let labels = item.labels, labels.count > maxLabels {
            let labelNames = Set(labels.map { $0.trimmedWhitespace.lowercased() }.filter { !$0.isEmpty })
            if labelNames.count > maxLabels {
                return .refused(.problem(.tooManyLabels(count: labelNames.count, max: maxLabels)))
            }
        }
        return .passed(checked)
    }

    /// The instants between which `datesProblem` may skip the calendar (1900-01-02 to 9999-12-29 UTC).
    private static let fastDatesFrom = Date(timeIntervalSince1970: -2_208_902_400)
    private static let fastDatesUntil = Date(timeIntervalSince1970: 253_402_041_600)

    /// An unknown time zone, or a start day after the due day.
    private func datesProblem(_ item: BoardItem) -> ItemProblem? {
        let timeZoneId = configuration.mapping.timezone
        guard item.startDate != nil || item.dueDate != nil else { return nil }
        guard let start = item.startDate, let due = item.dueDate else {
            return CalendarDay.knows(timeZoneId) ? nil : .unknownTimeZone(timeZoneId)
        }
        // Two calendar days per dated item were a sixth of a no-op plan. A due date two days or more after the
        // start is never on an earlier day: a zone's offset from UTC stays within ±16 hours (historic local mean
        // times included), and the Julian-to-Gregorian switch only jumps forward. Within 1900-9999 the day
        // strings also compare as dates (four-digit years); anything else takes the exact comparison below.
        if due.timeIntervalSince(start) >= 2 * 86_400, start >= Self.fastDatesFrom, due < Self.fastDatesUntil {
            return CalendarDay.knows(timeZoneId) ? nil : .unknownTimeZone(timeZoneId)
        }
        guard let startDay = CalendarDay.string(for: start, timeZoneId: timeZoneId),
            let dueDay = CalendarDay.string(for: due, timeZoneId: timeZoneId)
        else { return .unknownTimeZone(timeZoneId) }
        return startDay > dueDay ? .startAfterDue(start: startDay, due: dueDay) : nil
    }

    /// The trimmed title, or the problem: missing, empty, NUL, over 255 code points.
    public static func validateTitle(_ title: String?) -> Result<String, ItemProblem> {
        guard let title else { return .failure(.titleMissing) }
        // Bytes, not scalars: U+0000 is the byte 0 in UTF-8 and no other scalar holds one, and a title of at
        // most 255 bytes has at most 255 code points. Walking the scalars was a twentieth of a no-op plan.
        let hasNUL = title.utf8.withContiguousStorageIfAvailable { stored in
            stored.baseAddress.map { memchr($0, 0, stored.count) != nil } ?? false
        }
        if hasNUL ?? title.utf8.contains(0) { return .failure(.titleContainsNUL) }
        let trimmed = title.trimmedWhitespace
        if trimmed.isEmpty { return .failure(.titleEmpty) }
        if trimmed.utf8.count > maxNameCodePoints {
            let count = trimmed.unicodeScalars.count
            if count > maxNameCodePoints { return .failure(.titleTooLong(codePoints: count)) }
        }
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
