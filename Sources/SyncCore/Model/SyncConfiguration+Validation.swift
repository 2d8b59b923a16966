import Foundation

extension SyncConfiguration {
    /// Problems that would make every item fail, for `boardsync check`; empty when none.
    ///
    /// - Parameter metadata: Plane project id → what was read of it; projects absent here are reported.
    public func validate(against metadata: [String: PlaneMetadata]) -> [String] {
        var problems: [String] = []
        if externalSource.isEmpty || externalSource.unicodeScalars.count > 255 {
            problems.append("external_source must be 1 to 255 characters.")
        }
        if TimeZone(identifier: mapping.timezone) == nil {
            problems.append("mapping.timezone \"\(mapping.timezone)\" is not a known time zone.")
        }
        if !(0...1).contains(policy.maxDeleteFraction) {
            problems.append("policy.max_delete_fraction \(policy.maxDeleteFraction) must be between 0 and 1.")
        }
        for (status, priority) in mapping.priority.sorted(by: { $0.key < $1.key })
        where !PayloadBuilder.planePriorities.contains(priority) {
            problems.append("mapping.priority maps \"\(status)\" to \"\(priority)\", which is not a Plane priority.")
        }
        for (boardProject, planeProject) in projects.sorted(by: { $0.key < $1.key }) {
            guard let project = metadata[planeProject] else {
                problems.append(
                    "board project \"\(boardProject)\" maps to Plane project \(planeProject), which was not found.")
                continue
            }
            if project.defaultState == nil {
                problems.append("Plane project \(planeProject) has no state to use as default.")
            }
            for (status, stateName) in mapping.status.sorted(by: { $0.key < $1.key })
            where project.state(named: stateName) == nil {
                problems.append(
                    "mapping.status maps \"\(status)\" to \"\(stateName)\", which Plane project \(planeProject) lacks.")
            }
        }
        return problems
    }
}
