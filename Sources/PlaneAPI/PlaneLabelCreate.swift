/// The body of a label create. A name already used in the project answers 409 with its id.
public struct PlaneLabelCreate: Sendable, Hashable, Encodable {
    public var name: String
    public var color: String?
    public var description: String?
    public var parent: String?

    public init(name: String, color: String? = nil, description: String? = nil, parent: String? = nil) {
        self.name = name
        self.color = color
        self.description = description
        self.parent = parent
    }
}
