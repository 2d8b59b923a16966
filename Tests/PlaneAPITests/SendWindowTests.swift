import Testing

@testable import PlaneAPI

/// The pure window arithmetic behind ``PlanePacer``.
@Suite struct SendWindowTests {
    private let limit = PlaneRateLimit(requests: 10, period: .seconds(1))

    @Test func evenSpacingWhenAlone() {
        var window = PlaneSendWindow(limit: limit, capacity: 9)
        let slots = (0..<10).map { _ in window.reserve(now: .zero) }
        for (earlier, later) in zip(slots, slots.dropFirst()) {
            #expect(abs((later - earlier).seconds - 1.0 / 9) < 1e-9)
        }
    }

    @Test func latencyWidensTheWindow() {
        var window = PlaneSendWindow(limit: limit, capacity: 9)
        let first = window.reserve(now: .zero)
        window.observe(latency: .milliseconds(50), at: .milliseconds(50))
        var slots = [first]
        for _ in 0..<9 { slots.append(window.reserve(now: .milliseconds(50))) }
        // the tenth may not share a 1.05 s window with the first nine
        #expect(slots[9] - slots[0] >= .milliseconds(1050))
        for (index, slot) in slots.enumerated() {
            #expect(slots[index...].prefix { $0 < slot + .milliseconds(1050) }.count <= 9)
        }
    }

    @Test func latencyIsTheCappedMaximumOfTheLastPeriod() {
        var window = PlaneSendWindow(limit: limit, capacity: 9)
        window.observe(latency: .seconds(5), at: .seconds(10))
        #expect(window.latency == .milliseconds(250))
        window.observe(latency: .milliseconds(20), at: .seconds(11))
        #expect(window.latency == .milliseconds(250))
        window.observe(latency: .milliseconds(20), at: .milliseconds(11_300))
        #expect(window.latency == .milliseconds(20))
    }

    @Test func othersAreWhatPlaneCountsBeyondOwnPastSends() {
        var window = PlaneSendWindow(limit: PlaneRateLimit(requests: 60, period: .seconds(60)), capacity: 54)
        for _ in 0..<3 { _ = window.reserve(now: .seconds(100)) }
        // three reserved, the last two still in the future at t = 100 s
        window.measureOthers(remaining: 50, now: .seconds(100))
        #expect(window.others == 9)
        #expect(window.allowed == 45)
        window.release(.seconds(100))
        window.measureOthers(remaining: 50, now: .seconds(100))
        #expect(window.others == 10)
    }

    @Test func aStaleEstimateOfOthersIsForgotten() {
        var window = PlaneSendWindow(limit: limit, capacity: 9)
        window.measureOthers(remaining: 2, now: .seconds(10))
        #expect(window.allowed == 1)
        _ = window.reserve(now: .seconds(12))
        #expect(window.allowed == 9)
    }
}
