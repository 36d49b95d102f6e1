import Foundation
public import SluiceModel

/// The continuous and discrete draws the models need, on top of the seeded generator.
extension SeededGenerator {
    /// Exponential with the given mean (inverse transform).
    @inline(__always)
    public mutating func exponential(mean: Double) -> Double {
        -mean * log(nextOpenUnit())
    }

    /// Uniform in [low, high).
    public mutating func uniform(_ low: Double, _ high: Double) -> Double {
        low + (high - low) * nextUnit()
    }

    /// A standard normal draw (Box-Muller; one of the pair is discarded to keep no hidden state).
    public mutating func standardNormal() -> Double {
        let radius = (-2 * log(nextOpenUnit())).squareRoot()
        return radius * cos(2 * Double.pi * nextUnit())
    }

    /// Lognormal with the given mean and shape sigma (the sigma of the underlying normal).
    public mutating func lognormal(mean: Double, sigma: Double) -> Double {
        let mu = log(mean) - sigma * sigma / 2
        return exp(mu + sigma * standardNormal())
    }

    /// A Poisson-distributed count with the given mean (Knuth for small means, normal
    /// approximation beyond, where the difference is below sampling noise).
    public mutating func poisson(mean: Double) -> Int {
        guard mean > 0 else { return 0 }
        if mean < 30 {
            let limit = exp(-mean)
            var product = nextUnit()
            var count = 0
            while product > limit {
                product *= nextUnit()
                count += 1
            }
            return count
        }
        let draw = (mean + mean.squareRoot() * standardNormal()).rounded()
        return max(0, Int(draw))
    }
}
