/// Work item priority. Open: a value this client does not know still decodes.
public struct PlanePriority: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    // Codable comes from RawRepresentable: the raw string, as Plane sends it.
    public var description: String { rawValue }

    public static let urgent = PlanePriority(rawValue: "urgent")
    public static let high = PlanePriority(rawValue: "high")
    public static let medium = PlanePriority(rawValue: "medium")
    public static let low = PlanePriority(rawValue: "low")
    public static let none = PlanePriority(rawValue: "none")
}
