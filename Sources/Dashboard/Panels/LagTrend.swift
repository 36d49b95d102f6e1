import SluiceModel

/// Whether a lag is growing or draining, from its recent history, and how long draining would take.
struct LagTrend: Equatable {
    enum Direction: Equatable { case growing, draining, steady }
    var direction: Direction
    /// Change in records per second (positive: growing).
    var slope: Double
    /// Seconds until the lag reaches zero at the current pace; nil unless draining.
    var secondsToDrain: Double?

    /// Samples further back than this do not decide the trend.
    static let window = 10

    init(_ history: Series, lag: Int64) {
        let samples = history.samples
        let span = min(Self.window, samples.count - 1)
        guard span > 0, let last = samples.last else {
            self.direction = .steady; slope = 0; secondsToDrain = nil
            return
        }
        slope = (last - samples[samples.count - 1 - span]) / Double(span)
        // Ignore wobble below half a record a second or 0.2% of the lag per second.
        let threshold = max(0.5, Double(lag) * 0.002)
        if slope > threshold {
            direction = .growing; secondsToDrain = nil
        } else if slope < -threshold {
            direction = .draining; secondsToDrain = Double(lag) / -slope
        } else {
            direction = .steady; secondsToDrain = nil
        }
    }

    func symbol(_ glyphs: Glyphs) -> Unicode.Scalar {
        switch direction {
        case .growing: glyphs.growing
        case .draining: glyphs.draining
        case .steady: glyphs.steady
        }
    }

    var style: Style {
        switch direction {
        case .growing: Style(.error, attributes: .bold)
        case .draining: Style(.ok, attributes: .bold)
        case .steady: .muted
        }
    }

    /// `growing +12.0/s`, `drains in ~2m05s`, `steady`.
    var summary: String {
        switch direction {
        case .growing: "growing +" + Format.rate(slope)
        case .draining: "drains in ~" + Format.duration(Nanos(min(1e12, secondsToDrain ?? 0) * 1e9))
        case .steady: "steady"
        }
    }
}
