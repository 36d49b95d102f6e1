import SluiceModel
import Testing

/// `below` draws every number under its bound equally often, for small bounds and for huge ones.
@Suite struct SeededGeneratorTests {
    /// With a bound of 3 * 2^61, 2^64 is not a multiple of it: a plain `%` put the lower half up 56% of
    /// the time (12 standard deviations off at this many draws). Seeded, so the same every run.
    @Test func aHugeBoundIsNotBiasedTowardsLowNumbers() {
        var random = SeededGenerator(seed: 11)
        let bound = 3 << 61
        let draws = 20_000
        var lower = 0
        for _ in 0..<draws {
            let value = random.nextIndex(below: bound)
            #expect(value >= 0 && value < bound)
            if value < bound / 2 { lower += 1 }
        }
        let share = Double(lower) / Double(draws)
        #expect(abs(share - 0.5) < 0.02, "lower half drawn \(share) of the time")
    }

    @Test func aSmallBoundDrawsEachNumberAboutEquallyOften() {
        var random = SeededGenerator(seed: 5)
        var counts = [Int](repeating: 0, count: 6)
        for _ in 0..<6_000 { counts[random.nextIndex(below: 6)] += 1 }
        #expect(counts.allSatisfy { abs($0 - 1_000) < 120 }, "\(counts)")
        #expect(random.nextIndex(below: 1) == 0 && random.nextIndex(below: 0) == 0 && random.nextIndex(below: -3) == 0)
    }
}
