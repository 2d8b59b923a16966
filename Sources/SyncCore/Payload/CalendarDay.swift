import Foundation
import Synchronization

/// A BSON date as Plane's `YYYY-MM-DD` in a time zone: pure calendar math, no formatter.
public enum CalendarDay {
    /// The day of `date` in the zone `timeZoneId`, or nil when the zone is unknown.
    public static func string(for date: Date, timeZoneId: String) -> String? {
        guard let calendar = calendar(timeZoneId) else { return nil }
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        guard let year = parts.year, let month = parts.month, let day = parts.day else { return nil }
        return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
    }

    /// True when `timeZoneId` names a zone this process knows.
    public static func knows(_ timeZoneId: String) -> Bool { calendar(timeZoneId) != nil }

    /// One Gregorian calendar per zone for the process: making a `TimeZone` and a `Calendar` for every
    /// dated item was 3% of a full plan. An unknown zone is remembered as such.
    private static let calendars = Mutex<[String: Calendar?]>([:])

    private static func calendar(_ timeZoneId: String) -> Calendar? {
        if let known = calendars.withLock({ $0[timeZoneId] }) { return known }
        let made = TimeZone(identifier: timeZoneId).map { zone in
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = zone
            return calendar
        }
        calendars.withLock { $0[timeZoneId] = made }
        return made
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
