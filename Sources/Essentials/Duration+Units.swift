/// `Duration` in the units other APIs take: seconds with their fractions (`Date`, `TimeInterval`, JSON
/// figures) and whole milliseconds or microseconds (MongoDB's `maxAwaitTimeMS`, timestamps). One place,
/// so no call site truncates to whole seconds by reading `components.seconds` alone.
extension Duration {
    /// The duration in seconds, fractions kept (`Duration`'s own division).
    public var inSeconds: Double { self / .seconds(1) }

    /// Whole milliseconds, rounded toward zero.
    public var inMilliseconds: Int64 { whole(attosecondsPerUnit: 1_000_000_000_000_000, perSecond: 1000) }

    /// Whole microseconds, rounded toward zero.
    public var inMicroseconds: Int64 { whole(attosecondsPerUnit: 1_000_000_000_000, perSecond: 1_000_000) }

    /// Integer arithmetic on the components: exact, where a `Double` would round long durations.
    private func whole(attosecondsPerUnit: Int64, perSecond: Int64) -> Int64 {
        let (seconds, attoseconds) = components
        return seconds * perSecond + attoseconds / attosecondsPerUnit
    }
}
