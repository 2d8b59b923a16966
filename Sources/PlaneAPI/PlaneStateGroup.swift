/// A state's group. Open: a value this client does not know still decodes.
public struct PlaneStateGroup: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    // Codable comes from RawRepresentable: the raw string, as Plane sends it.
    public var description: String { rawValue }

    public static let backlog = PlaneStateGroup(rawValue: "backlog")
    public static let unstarted = PlaneStateGroup(rawValue: "unstarted")
    public static let started = PlaneStateGroup(rawValue: "started")
    public static let completed = PlaneStateGroup(rawValue: "completed")
    public static let cancelled = PlaneStateGroup(rawValue: "cancelled")
    public static let triage = PlaneStateGroup(rawValue: "triage")
}
