@testable import Dashboard
import SluiceModel
import Testing

/// The lag trend a person reads beside a group's lag: growing, draining (with an estimate), steady
/// or caught up, decided from the slope over the last half minute.
@Suite struct LagTrendTests {
    /// One sample a second: `start + perSecond * t`, plus a seeded wobble of up to `noise` either way.
    static func series(from start: Double, perSecond: Double, seconds: Int, noise: Double = 0, seed: UInt64 = 7) -> [Double] {
        var random = SeededGenerator(seed: seed)
        return (0..<seconds).map { t in
            max(0, start + perSecond * Double(t) + (random.nextUnit() * 2 - 1) * noise)
        }
    }

    static func trend(_ samples: [Double]) -> LagTrend {
        LagTrend(Series(samples), lag: Int64(samples.last ?? 0))
    }

    @Test func aSmallSteadyGrowthOnALargeLagIsGrowing() {
        // billing in the demo: 8736 to 8843 in 17 s, never coming back.
        let samples = Self.series(from: 8736, perSecond: 6.3, seconds: 18, noise: 4)
        let trend = Self.trend(samples)
        #expect(trend.direction == .growing)
        #expect(abs(trend.slope - 6.3) < 1, "slope \(trend.slope)")
        #expect(trend.summary.hasPrefix("growing +6."), "\(trend.summary)")
    }

    @Test func drainingTwentyASecondAtNineteenThousandSaysWhenItIsDone() {
        let samples = Self.series(from: 19_900, perSecond: -20, seconds: 30, noise: 15)
        let trend = Self.trend(samples)
        #expect(trend.direction == .draining)
        // 19.3k left at 20/s: 965 s, about sixteen minutes.
        #expect(trend.summary == "drains in ~16m", "\(trend.summary), slope \(trend.slope)")
    }

    @Test func aNoisyFlatLagIsSteady() {
        for seed in 1...20 as ClosedRange<UInt64> {
            let trend = Self.trend(Self.series(from: 500, perSecond: 0, seconds: 30, noise: 40, seed: seed))
            #expect(trend.direction == .steady, "seed \(seed): slope \(trend.slope)")
        }
    }

    @Test func aLagThatDropsAtEveryCommitIsSteadyNotGrowing() {
        // Grows 10/s between commits, every 5 s the commit takes it back down.
        let samples = (0..<30).map { 100 + Double($0 % 5) * 10 }
        #expect(Self.trend(samples).direction == .steady)
    }

    @Test func aReplayJumpDoesNotReadAsGrowth() {
        // Steady at 40 for 20 s, a replay puts 12,480 records back, then the group works them off at 50/s.
        var samples = Array(repeating: 40.0, count: 20)
        samples += (0..<10).map { 12_520 - 50 * Double($0) }
        let trend = Self.trend(samples)
        #expect(trend.direction == .draining, "\(trend.summary)")
        #expect(abs(trend.slope + 50) < 1, "slope \(trend.slope)")
        // Seconds after the jump, with the lag still flat: steady, not +1248/s.
        let flatAfter = Array(repeating: 40.0, count: 20) + Array(repeating: 12_520.0, count: 5)
        #expect(Self.trend(flatAfter).direction == .steady, "\(Self.trend(flatAfter).summary)")
    }

    @Test func growthThatStartedAFewSecondsAgoReadsAsGrowthSoon() {
        // A paused group: flat, then growing 40/s for the last six seconds.
        let samples = Array(repeating: 200.0, count: 24) + (1...6).map { 200 + 40 * Double($0) }
        #expect(Self.trend(samples).direction == .growing)
    }

    @Test func atLagZeroItIsCaughtUpNeverDrainingInNoTime() {
        let samples = [300, 200, 100, 40, 10, 0, 0.0]
        let trend = Self.trend(samples)
        #expect(trend.direction == .caughtUp)
        #expect(trend.summary == "caught up")
        #expect(!trend.summary.contains("drains"))
    }

    @Test func tooFewSamplesSayNothingAboutATrend() {
        #expect(Self.trend([10, 500]).direction == .steady)
        #expect(Self.trend([]).direction == .caughtUp)
    }

    @Test func estimatesAreRoundedLikeEstimates() {
        #expect(Format.roughDuration(seconds: 0.2) == "1s")
        #expect(Format.roughDuration(seconds: 45) == "45s")
        #expect(Format.roughDuration(seconds: 965) == "16m")
        #expect(Format.roughDuration(seconds: 7_500) == "2h05m")
        #expect(Format.roughDuration(seconds: 4 * 86_400) == "4d")
        #expect(Format.roughDuration(seconds: .infinity) == "ever")
    }
}

extension LagTrendTests {
    @Test func aLagThatTurnedReadsAsItGoesNow() {
        // lag-and-catch-up: +20/s for a minute, then a second instance drains it at 80/s.
        let samples = (0..<20).map { 800 + 20 * Double($0) } + (1...10).map { 1_200 - 80 * Double($0) }
        let trend = Self.trend(samples)
        #expect(trend.direction == .draining, "\(trend.summary), slope \(trend.slope)")
        #expect(abs(trend.slope + 80) < 2, "slope \(trend.slope)")
    }

    @Test func aSlowDriftShowsOnlyOverTheWholeWindow() {
        // +0.8/s with wobble of 5: lost in ten seconds, plain over thirty.
        let samples = Self.series(from: 1_000, perSecond: 0.8, seconds: 30, noise: 5, seed: 3)
        #expect(Self.trend(samples).direction == .growing, "\(Self.trend(samples).slope)")
    }
}
