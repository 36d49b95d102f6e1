import Foundation
public import SluiceModel

/// Draws ranks 0..<count with probability proportional to 1 / (rank + 1)^s: a few hot keys, a long tail.
public struct ZipfSampler: Sendable {
    private let cumulative: [Double]

    public init(count: Int, exponent s: Double) {
        var running = 0.0
        var table: [Double] = []
        table.reserveCapacity(max(count, 1))
        for rank in 0..<max(count, 1) {
            running += 1 / pow(Double(rank + 1), s)
            table.append(running)
        }
        cumulative = table.map { $0 / running }
    }

    public var count: Int { cumulative.count }

    /// A rank, 0 being the hottest.
    public func sample(using generator: inout SeededGenerator) -> Int {
        let u = generator.nextUnit()
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let mid = (low + high) / 2
            if cumulative[mid] > u { high = mid } else { low = mid + 1 }
        }
        return low
    }

    /// The probability of one rank, for tests and explanations.
    public func probability(ofRank rank: Int) -> Double {
        rank == 0 ? cumulative[0] : cumulative[rank] - cumulative[rank - 1]
    }
}
