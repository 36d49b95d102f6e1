import Testing
import SluiceModel
@testable import Simulation

@Suite struct EventQueueTests {
    @Test func popsInTimeOrderAndBreaksTiesBySchedulingOrder() {
        var queue = EventQueue<Int>()
        var generator = SeededGenerator(seed: 2)
        var expected: [(Nanos, Int)] = []
        for label in 0..<5_000 {
            let time = Nanos(generator.nextIndex(below: 50))
            queue.schedule(label, at: time)
            expected.append((time, label))
        }
        // A stable sort by time is exactly (time, sequence) order.
        expected.sort { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }
        var popped: [(Nanos, Int)] = []
        while let next = queue.popNext() { popped.append((next.time, next.action)) }
        #expect(popped.map(\.0) == expected.map(\.0))
        #expect(popped.map(\.1) == expected.map(\.1))
    }

    @Test func interleavedSchedulingKeepsOrder() {
        var queue = EventQueue<String>()
        queue.schedule("b", at: 10)
        queue.schedule("a", at: 5)
        #expect(queue.nextTime == 5)
        #expect(queue.popNext()?.action == "a")
        queue.schedule("c", at: 10)
        queue.schedule("early", at: 7)
        #expect(queue.popNext()?.action == "early")
        #expect(queue.popNext()?.action == "b")
        #expect(queue.popNext()?.action == "c")
        #expect(queue.popNext() == nil)
    }
}

@Suite struct ArrivalTests {
    @Test func poissonAndConstantArrivalsKeepTheirRate() {
        for pattern in [ArrivalPattern.poisson, .constant, .bursty(on: 2 * NanosPerUnit.second, off: 3 * NanosPerUnit.second)] {
            var generator = SeededGenerator(seed: 4)
            var now: Nanos = 0
            var count = 0
            let horizon = 2_000 * NanosPerUnit.second
            while let next = pattern.nextArrival(after: now, rate: 20, using: &generator), next < horizon {
                now = next
                count += 1
            }
            #expect(abs(Double(count) / 2_000 - 20) < 0.5, "\(pattern) gave \(count)")
        }
    }

    @Test func burstyArrivalsNeverFallInTheOffPhase() {
        let on = 2 * NanosPerUnit.second, off = 3 * NanosPerUnit.second
        var generator = SeededGenerator(seed: 8)
        var now: Nanos = 0
        for _ in 0..<5_000 {
            guard let next = ArrivalPattern.bursty(on: on, off: off).nextArrival(after: now, rate: 10, using: &generator) else {
                Issue.record("no arrival"); return
            }
            #expect(next % (on + off) < on)
            now = next
        }
    }

    @Test func zeroRateMeansNoArrival() {
        var generator = SeededGenerator(seed: 1)
        #expect(ArrivalPattern.poisson.nextArrival(after: 0, rate: 0, using: &generator) == nil)
    }
}

@Suite struct TimeWeightedMeanTests {
    @Test func averagesALevelOverTime() {
        var mean = TimeWeightedMean()
        mean.set(2, at: 0)
        mean.set(4, at: 10)
        #expect(mean.mean(until: 20) == 3)
        mean.restartWindow(at: 20)
        mean.set(0, at: 30)
        #expect(mean.mean(until: 40) == 2)
    }
}
