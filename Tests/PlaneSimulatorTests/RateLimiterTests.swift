import Testing

@testable import PlaneSimulator

@Suite struct RateLimiterTests {
    @Test func parsesPlaneRatesByFirstLetterOfThePeriod() {
        #expect(RateLimiter(rate: "60/minute")?.periodSeconds == 60)
        #expect(RateLimiter(rate: "60/min")?.periodSeconds == 60)
        #expect(RateLimiter(rate: "20/second")?.periodSeconds == 1)
        #expect(RateLimiter(rate: "5/hour")?.periodSeconds == 3600)
        #expect(RateLimiter(rate: "5/day")?.periodSeconds == 86_400)
        #expect(RateLimiter(rate: "5/week") == nil)
        #expect(RateLimiter(rate: "many/minute") == nil)
    }

    @Test func slidingWindowCountsDownAndRefusesTheNextRequest() {
        var limiter = RateLimiter(rate: "3/minute")!
        #expect(limiter.check(key: "k", now: 1000) == .allowed(remaining: 2, reset: 1060))
        #expect(limiter.check(key: "k", now: 1010) == .allowed(remaining: 1, reset: 1070))
        #expect(limiter.check(key: "k", now: 1020.7) == .allowed(remaining: 0, reset: 1080))
        // Oldest request (t=1000) leaves the window at 1060: 30.5 s from now, rounded up.
        #expect(limiter.check(key: "k", now: 1029.5) == .throttled(retryAfter: 31))
        // Other keys have their own window.
        #expect(limiter.check(key: "other", now: 1029.5) == .allowed(remaining: 2, reset: 1089))
    }

    @Test func refusedRequestsDoNotExtendTheWindow() {
        var limiter = RateLimiter(rate: "1/minute")!
        _ = limiter.check(key: "k", now: 0)
        for second in 1...50 {
            #expect(limiter.check(key: "k", now: Double(second)) == .throttled(retryAfter: 60 - second))
        }
        #expect(limiter.check(key: "k", now: 59) == .throttled(retryAfter: 1))
        #expect(limiter.check(key: "k", now: 59.999_999) == .throttled(retryAfter: 1))
        // A request leaves the window exactly one period after it came (DRF keeps times > now - period).
        #expect(limiter.check(key: "k", now: 60) == .allowed(remaining: 0, reset: 120))
    }
}
