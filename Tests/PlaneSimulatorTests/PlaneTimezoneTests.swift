import Testing

@testable import PlaneSimulator

@Suite struct PlaneTimezoneTests {
    // 2026-11-25T19:37:16.078709Z
    let instant = PlaneInstant(microseconds: 1_795_635_436_078_709)

    @Test func rendersUTCWithZ() {
        #expect(PlaneTimezone("Z")?.render(instant) == "2026-11-25T19:37:16.078709Z")
        #expect(PlaneTimezone("+00:00")?.render(instant) == "2026-11-25T19:37:16.078709Z")
    }

    @Test func rendersOffsetsLikePythonIsoformat() {
        #expect(PlaneTimezone("+05:30")?.render(instant) == "2026-11-26T01:07:16.078709+05:30")
        #expect(PlaneTimezone("-04:00")?.render(instant) == "2026-11-25T15:37:16.078709-04:00")
    }

    @Test func omitsZeroMicrosecondsAndKeepsLeadingZeros() {
        let whole = PlaneInstant(microseconds: 1_795_635_436_000_000)
        #expect(PlaneTimezone.utc.render(whole) == "2026-11-25T19:37:16Z")
        let small = PlaneInstant(microseconds: 1_795_635_436_000_042)
        #expect(PlaneTimezone.utc.render(small) == "2026-11-25T19:37:16.000042Z")
    }

    @Test func rejectsMalformedOffsets() {
        #expect(PlaneTimezone("5:30") == nil)
        #expect(PlaneTimezone("+25:00") == nil)
        #expect(PlaneTimezone("Europe/Paris") == nil)
    }

    @Test func normalisesDatesLikeDjango() {
        #expect(CivilDate.normalise("2026-5-3") == "2026-05-03")
        #expect(CivilDate.normalise("2026-02-29") == nil)
        #expect(CivilDate.normalise("01/07/2026") == nil)
        #expect(CivilDate.normalise("2024-02-29") == "2024-02-29")
    }

    @Test func parsesDatetimesLikeDjango() {
        #expect(PlaneInstant.parse("2026-11-25T19:37:16.078709Z") == instant)
        #expect(PlaneInstant.parse("2026-11-26T01:07:16.078709+05:30") == instant)
        #expect(PlaneInstant.parse("2026-11-25 19:37:16.078709") == instant)
        #expect(PlaneInstant.parse("2026-11-25T19:37") == PlaneInstant(microseconds: 1_795_635_420_000_000))
        #expect(PlaneInstant.parse("1970-01-01") == PlaneInstant(microseconds: 0))
        #expect(PlaneInstant.parse("yesterday") == nil)
        #expect(PlaneInstant.parse("2026-11-25T25:00:00Z") == nil)
    }
}
