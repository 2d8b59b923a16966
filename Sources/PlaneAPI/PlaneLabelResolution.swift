/// The result of ``PlaneClient/createOrGetLabel(project:_:)``.
public struct PlaneLabelResolution: Sendable, Hashable {
    public let id: String
    /// Whether this call created it (false: it existed; ``label`` is then `nil`).
    public let created: Bool
    public let label: PlaneLabel?
}
