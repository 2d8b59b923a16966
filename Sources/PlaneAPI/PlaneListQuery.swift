/// Options of the work item list (`GET .../work-items/`). Plane filters nothing else.
public struct PlaneListQuery: Sendable, Hashable {
    /// Items per page, 1…1000 (Plane's default and maximum is 1000).
    public var perPage: Int?
    /// e.g. `-updated_at` (Plane's default is `-created_at`). An unknown field is a 500 in Plane.
    public var orderBy: String?
    /// Keep only these keys. `id` is always added; expanded keys must be listed too.
    public var fields: [String]?
    /// Nest these references as objects (`state`, `labels`, `assignees`, `parent`, …).
    public var expand: [String]?

    public init(perPage: Int? = nil, orderBy: String? = nil, fields: [String]? = nil, expand: [String]? = nil) {
        self.perPage = perPage
        self.orderBy = orderBy
        self.fields = fields
        self.expand = expand
    }

    func items(cursor: String?) -> [PlaneEndpoint.QueryItem] {
        var items: [PlaneEndpoint.QueryItem] = []
        if let perPage { items.append(.init(name: "per_page", value: String(perPage))) }
        if let cursor { items.append(.init(name: "cursor", value: cursor)) }
        if let orderBy { items.append(.init(name: "order_by", value: orderBy)) }
        if var fields {
            if !fields.contains("id") { fields.insert("id", at: 0) }
            items.append(.init(name: "fields", value: fields.joined(separator: ",")))
        }
        if let expand, !expand.isEmpty { items.append(.init(name: "expand", value: expand.joined(separator: ","))) }
        return items
    }
}
