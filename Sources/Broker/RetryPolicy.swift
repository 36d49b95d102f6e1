public import SluiceModel

/// How much randomness spreads out exponential backoff (AWS's "full" and "equal" jitter).
public enum Jitter: String, Sendable, Equatable, CaseIterable {
    case none
    /// Uniform between 0 and the computed delay.
    case full
    /// Half the delay, plus uniform between 0 and the other half.
    case equal
}

/// How long a failed delivery waits before the message is delivered again.
public enum RetryPolicy: Sendable, Equatable {
    /// Redeliver as soon as the delivery fails.
    case immediate
    /// `initial * multiplier^(n-1)` after the n-th failed delivery, capped at `max`, then jittered.
    case exponential(initial: Nanos, multiplier: Double, max: Nanos, jitter: Jitter)
    /// Explicit delays, one per failed delivery; the last one repeats (JetStream's BackOff).
    case schedule([Nanos])

    /// The delay after the `failedDeliveries`-th failed delivery (1 for the first).
    func delay(afterFailedDelivery failedDeliveries: Int, random: inout SeededGenerator) -> Nanos {
        switch self {
        case .immediate:
            return 0
        case .schedule(let delays):
            guard let last = delays.last else { return 0 }
            return failedDeliveries - 1 < delays.count ? delays[max(0, failedDeliveries - 1)] : last
        case .exponential(let initial, let multiplier, let cap, let jitter):
            // Zero stays zero: 0 × ∞ (once the power overflows) would be NaN, which no Nanos can hold.
            let growth = initial == 0 ? 0 : Double(initial) * pow(multiplier, Double(max(0, failedDeliveries - 1)))
            let delay = growth >= Double(cap) ? cap : Nanos(growth)
            switch jitter {
            case .none: return delay
            case .full: return Nanos.random(in: 0...delay, using: &random)
            case .equal: return delay / 2 + Nanos.random(in: 0...(delay - delay / 2), using: &random)
            }
        }
    }

    func validate() throws(BrokerError) {
        switch self {
        case .immediate:
            break
        case .schedule(let delays):
            if let negative = delays.first(where: { $0 < 0 }) {
                throw .invalidConfiguration("backoff delays must not be negative, got \(negative) ns")
            }
        case .exponential(let initial, let multiplier, let cap, _):
            guard initial >= 0, cap >= initial else {
                throw .invalidConfiguration("exponential backoff needs 0 <= initial <= max, got \(initial) and \(cap) ns")
            }
            guard multiplier >= 1, multiplier.isFinite else {
                throw .invalidConfiguration("exponential backoff multiplier must be at least 1, got \(multiplier)")
            }
        }
    }

    /// `x` to the power `y` for the non-negative integer exponents backoff uses, without Foundation.
    private func pow(_ x: Double, _ y: Double) -> Double {
        var result = 1.0
        var remaining = Int(y)
        while remaining > 0 && result.isFinite {
            result *= x
            remaining -= 1
        }
        return result
    }
}
