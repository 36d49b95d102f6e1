import Foundation
import Testing
@testable import Simulation
import SluiceModel

@Suite struct RandomDrawTests {
    @Test func sameSeedGivesSameSequenceAndOtherSeedsDiffer() {
        var a = SeededGenerator(seed: 42)
        var b = SeededGenerator(seed: 42)
        var c = SeededGenerator(seed: 43)
        let first = (0..<100).map { _ in a.next() }
        #expect(first == (0..<100).map { _ in b.next() })
        #expect(first != (0..<100).map { _ in c.next() })
    }

    @Test func unitDrawsStayInRange() {
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<10_000 {
            let closedOpen = generator.nextUnit()
            let openClosed = generator.nextOpenUnit()
            #expect(closedOpen >= 0 && closedOpen < 1)
            #expect(openClosed > 0 && openClosed <= 1)
        }
    }

    @Test func exponentialLognormalAndUniformHaveTheirMeans() {
        var generator = SeededGenerator(seed: 1)
        let n = 200_000
        var exponential = RunningMean(), lognormal = RunningMean(), uniform = RunningMean()
        for _ in 0..<n {
            exponential.add(generator.exponential(mean: 2))
            lognormal.add(generator.lognormal(mean: 3, sigma: 0.5))
            uniform.add(generator.uniform(1, 2))
        }
        #expect(abs(exponential.mean - 2) < 0.02)
        #expect(abs(lognormal.mean - 3) < 0.02)
        #expect(abs(uniform.mean - 1.5) < 0.005)
    }

    @Test func poissonCountsHaveTheirMeanForSmallAndLargeMeans() {
        var generator = SeededGenerator(seed: 3)
        for mean in [0.5, 4.0, 80.0] {
            var counts = RunningMean()
            for _ in 0..<50_000 { counts.add(Double(generator.poisson(mean: mean))) }
            #expect(abs(counts.mean - mean) < 0.02 * mean + 0.01, "mean \(mean) gave \(counts.mean)")
        }
    }

    @Test func zipfFavoursLowRanksAsItsFormulaSays() {
        let zipf = ZipfSampler(count: 100, exponent: 1.2)
        var generator = SeededGenerator(seed: 9)
        var hits = [Int](repeating: 0, count: 100)
        let n = 200_000
        for _ in 0..<n { hits[zipf.sample(using: &generator)] += 1 }
        let harmonic = (1...100).reduce(0.0) { $0 + 1 / pow(Double($1), 1.2) }
        #expect(abs(zipf.probability(ofRank: 0) - 1 / harmonic) < 1e-12)
        #expect(abs(Double(hits[0]) / Double(n) - 1 / harmonic) < 0.005)
        #expect(hits[0] > hits[1] && hits[1] > hits[9] && hits[9] > hits[99])
    }

    @Test func durationDistributionsNeverReturnZero() {
        var generator = SeededGenerator(seed: 11)
        let distributions: [DurationDistribution] = [
            .constant(0), .exponential(mean: 1), .uniform(low: 0, high: 2), .lognormal(mean: 1, sigma: 2),
        ]
        for distribution in distributions {
            for _ in 0..<1000 { #expect(distribution.sample(using: &generator) >= 1) }
        }
    }

    @Test func forkedGeneratorsAreIndependentOfLaterDrawsInTheParent() {
        var parent = SeededGenerator(seed: 5)
        var child = parent.fork()
        var parentAgain = SeededGenerator(seed: 5)
        var childAgain = parentAgain.fork()
        _ = parent.next()
        #expect(child.next() == childAgain.next())
    }
}

