public import SluiceModel

/// How long something takes (service times, on/off periods): a distribution of nanoseconds.
public enum DurationDistribution: Sendable, Equatable {
    case constant(Nanos)
    case exponential(mean: Nanos)
    /// Uniform over [low, high].
    case uniform(low: Nanos, high: Nanos)
    /// Lognormal with this mean; sigma is the shape of the underlying normal.
    case lognormal(mean: Nanos, sigma: Double)

    /// The long-run mean, used for explanations and theory checks.
    public var mean: Nanos {
        switch self {
        case .constant(let value): value
        case .exponential(let mean): mean
        case .uniform(let low, let high): (low + high) / 2
        case .lognormal(let mean, _): mean
        }
    }

    /// One draw, at least one nanosecond so that events always move time forward.
    @inline(__always)
    public func sample(using generator: inout SeededGenerator) -> Nanos {
        let value: Double
        switch self {
        case .constant(let nanos): return max(1, nanos)
        case .exponential(let mean): value = generator.exponential(mean: Double(mean))
        case .uniform(let low, let high): value = generator.uniform(Double(low), Double(high))
        case .lognormal(let mean, let sigma): value = generator.lognormal(mean: Double(mean), sigma: sigma)
        }
        return max(1, Nanos(saturating: value))
    }

    /// The same distribution with its times divided by a factor (a slow instance has factor < 1).
    public func scaled(by factor: Double) -> DurationDistribution {
        func scale(_ nanos: Nanos) -> Nanos { Nanos(saturating: Double(nanos) * factor) }
        switch self {
        case .constant(let value): return .constant(scale(value))
        case .exponential(let mean): return .exponential(mean: scale(mean))
        case .uniform(let low, let high): return .uniform(low: scale(low), high: scale(high))
        case .lognormal(let mean, let sigma): return .lognormal(mean: scale(mean), sigma: sigma)
        }
    }
}
