import Foundation

/// `conflicts resolve --take-plane`: Plane's values mapped back into board fields (docs/architecture.md, "How a sync decides"): state →
/// status, label ids → names, user ids → emails, Plane's HTML → Markdown, days → dates in the mapping's
/// time zone. Pure: the caller passes the project's metadata and the board id of a Plane parent.
public struct BoardValuesFromPlane: Sendable {
    /// One board field and the value to write into it.
    public enum Value: Sendable, Hashable {
        case null
        case string(String)
        case strings([String])
        case date(Date)
        case id(BoardItemID)
    }

    public struct Update: Sendable, Hashable {
        /// The board document's field (`title`, `description`, `status`...).
        public var boardField: String
        public var value: Value
    }

    /// A Plane value with no board counterpart: the field is left as it is on the board.
    public struct Problem: Error, Sendable, Hashable, CustomStringConvertible {
        public var field: PlaneField
        public var reason: String
        public var description: String { "\(field.rawValue): \(reason)" }
    }

    public var configuration: SyncConfiguration
    public var metadata: PlaneMetadata

    public init(configuration: SyncConfiguration, metadata: PlaneMetadata) {
        self.configuration = configuration
        self.metadata = metadata
    }

    /// The board field a Plane field is written to.
    public static func boardField(_ field: PlaneField) -> String {
        switch field {
        case .name: "title"
        case .descriptionHTML: "description"
        case .state: "status"
        case .priority: "priority"
        case .labels: "labels"
        case .assignees: "assignees"
        case .startDate: "start_date"
        case .targetDate: "due_date"
        case .parent: "parent_id"
        }
    }

    /// A field named as Plane spells it or as the board does (`title`, `status`, `due_date`...).
    public static func field(named name: String) -> PlaneField? {
        PlaneField(rawValue: name) ?? PlaneField.allCases.first { boardField($0) == name }
            ?? (name == "description" ? .descriptionHTML : nil)
    }

    /// The board values for `fields`, from Plane's `values`; `parentBoardId` is the board item mirrored to
    /// Plane's parent, if any.
    public func updates(
        _ fields: [PlaneField], from values: PlaneValues, board item: BoardItem, parentBoardId: BoardItemID?
    ) -> Result<[Update], Problem> {
        var updates: [Update] = []
        for field in fields {
            switch value(field, values, item, parentBoardId) {
            case .success(let value): updates.append(Update(boardField: Self.boardField(field), value: value))
            case .failure(let problem): return .failure(problem)
            }
        }
        return .success(updates)
    }

    private func value(_ field: PlaneField, _ values: PlaneValues, _ item: BoardItem, _ parentBoardId: BoardItemID?)
        -> Result<Value, Problem>
    {
        switch field {
        case .name:
            return .success(.string(values.name))
        case .descriptionHTML:
            let renderer = DescriptionRenderer(backlinkTemplate: configuration.mapping.backlinkTemplate)
            let markdown = PlaneHTMLToMarkdown(renderer: renderer, id: item.id, projectId: item.projectId)
                .markdown(from: values.descriptionHTML)
            return .success(markdown.isEmpty ? .null : .string(markdown))
        case .state:
            guard let id = values.stateId, let state = metadata.states.first(where: { $0.id == id }) else {
                return .failure(Problem(field: field, reason: "Plane's state is not one of the project's states"))
            }
            return .success(.string(status(for: state, current: item.status)))
        case .priority:
            let mapped = configuration.mapping.priority.filter { $0.value == values.priority }.map(\.key).sorted()
            if let current = item.priority, mapped.contains(current) { return .success(.string(current)) }
            return .success(.string(mapped.first ?? values.priority))
        case .labels:
            let names = values.labelIds.compactMap { id in metadata.labels.first { $0.id == id }?.name }
            return .success(.strings(names.sorted()))
        case .assignees:
            var emails: [String] = []
            for id in values.assigneeIds {
                guard let member = metadata.member(id: id), !member.email.isEmpty else {
                    return .failure(Problem(field: field, reason: "assignee \(id) is not a member Plane names"))
                }
                emails.append(member.email)
            }
            return .success(.strings(emails.sorted()))
        case .startDate, .targetDate:
            guard let day = field == .startDate ? values.startDate : values.targetDate else { return .success(.null) }
            guard let date = Self.date(day, timeZoneId: configuration.mapping.timezone) else {
                return .failure(
                    Problem(field: field, reason: "\(day) is not a day in \(configuration.mapping.timezone)"))
            }
            return .success(.date(date))
        case .parent:
            guard values.parentId != nil else { return .success(.null) }
            guard let parentBoardId else {
                return .failure(Problem(field: field, reason: "Plane's parent is not an item mirrored from the board"))
            }
            return .success(.id(parentBoardId))
        }
    }

    /// The board status for a Plane state: one `mapping.status` maps to it (the current one if it does),
    /// else the state's own name (an unmapped status falls back to the state of the same name).
    func status(for state: PlaneState, current: String?) -> String {
        let mapped = configuration.mapping.status
            .filter { $0.value.caseInsensitiveCompare(state.name) == .orderedSame }.map(\.key).sorted()
        if let current, mapped.contains(current) { return current }
        return mapped.first ?? state.name
    }

    /// Midnight of a `YYYY-MM-DD` day in a time zone: what ``CalendarDay`` turns back into the same day.
    static func date(_ day: String, timeZoneId: String) -> Date? {
        let parts = day.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, let zone = TimeZone(identifier: timeZoneId) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let components = DateComponents(year: parts[0], month: parts[1], day: parts[2])
        guard let date = calendar.date(from: components), CalendarDay.string(for: date, timeZoneId: timeZoneId) == day
        else { return nil }
        return date
    }
}
