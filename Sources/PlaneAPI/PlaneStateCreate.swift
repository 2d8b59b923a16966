/// The body of a state create (`name` and `color` are required by Plane; POST answers 200).
public struct PlaneStateCreate: Sendable, Hashable, Encodable {
    public var name: String
    public var color: String
    public var group: PlaneStateGroup
    public var description: String?
    public var externalSource: String?
    public var externalID: String?

    public init(
        name: String, color: String, group: PlaneStateGroup, description: String? = nil,
        externalSource: String? = nil, externalID: String? = nil
    ) {
        self.name = name
        self.color = color
        self.group = group
        self.description = description
        self.externalSource = externalSource
        self.externalID = externalID
    }

    enum CodingKeys: String, CodingKey {
        case name, color, group, description
        case externalSource = "external_source"
        case externalID = "external_id"
    }
}
