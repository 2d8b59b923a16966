/// The body of a work item link create.
public struct PlaneLinkCreate: Sendable, Hashable, Encodable {
    public var url: String
    public var title: String?

    public init(url: String, title: String? = nil) {
        self.url = url
        self.title = title
    }
}
