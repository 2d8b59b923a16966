import Foundation

/// A BSON date as Plane's `YYYY-MM-DD` in a time zone: pure calendar math, no formatter.
public enum CalendarDay {
    /// The day of `date` in the zone `timeZoneId`, or nil when the zone is unknown.
    public static func string(for date: Date, timeZoneId: String) -> String? {
        guard let zone = TimeZone(identifier: timeZoneId) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        guard let year = parts.year, let month = parts.month, let day = parts.day else { return nil }
        return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
