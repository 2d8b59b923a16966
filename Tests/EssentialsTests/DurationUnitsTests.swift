import Essentials
import Testing

@Suite struct DurationUnitsTests {
    @Test func secondsKeepTheirFractions() {
        #expect(Duration.milliseconds(1500).inSeconds == 1.5)
        #expect(Duration.milliseconds(250).inSeconds == 0.25)
        #expect(Duration.seconds(300).inSeconds == 300)
        #expect(Duration.milliseconds(-500).inSeconds == -0.5)
    }

    @Test func wholeMillisecondsAndMicrosecondsRoundTowardZero() {
        #expect(Duration.microseconds(1999).inMilliseconds == 1)
        #expect(Duration.milliseconds(500).inMilliseconds == 500)
        #expect(Duration.seconds(2.5).inMilliseconds == 2500)
        #expect(Duration.nanoseconds(1999).inMicroseconds == 1)
        #expect(Duration.milliseconds(-1500).inMilliseconds == -1500)
        // Exact far beyond what a Double holds to the microsecond.
        #expect(Duration.seconds(10_000_000_000).inMicroseconds == 10_000_000_000_000_000)
    }
}
