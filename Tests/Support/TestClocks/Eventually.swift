/// Waits until `condition` holds, yielding between checks, for at most `limit` of real time; returns
/// whether it held. Tests wait on conditions with a limit, never for a fixed time.
public func eventually(within limit: Duration = .seconds(10), _ condition: () async -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + limit
    while await !condition() {
        guard ContinuousClock.now < deadline else { return false }
        await Task.yield()
    }
    return true
}
