/// A state's group. Open: a value this client does not know still decodes.
public struct PlaneStateGroup: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
    public var description: String { rawValue }

    public static let backlog = PlaneStateGroup(rawValue: "backlog")
    public static let unstarted = PlaneStateGroup(rawValue: "unstarted")
    public static let started = PlaneStateGroup(rawValue: "started")
    public static let completed = PlaneStateGroup(rawValue: "completed")
    public static let cancelled = PlaneStateGroup(rawValue: "cancelled")
    public static let triage = PlaneStateGroup(rawValue: "triage")
}
