import SluiceModel

/// Whether a lag is growing or draining, from the slope of its recent history, and how long
/// draining would take.
///
/// The slope is a least-squares fit over the last seconds of one-second samples, after a one-off
/// step (a replay) is taken out, so a jump reads as the jump it is and not as a rate for the
/// seconds it stays in the window. The fit starts on the last `shortWindow` seconds and reaches
/// back to `window` seconds only as long as the longer line agrees with the recent one: a lag that
/// turned (a consumer added a minute ago) reads as it goes now, a slow steady drift still shows.
/// A slope counts only when it is clearly more than the noise around its line and at least
/// `minimumRate`.
struct LagTrend: Equatable {
    enum Direction: Equatable { case growing, draining, steady, caughtUp }
    var direction: Direction
    /// Change in records per second (positive: growing).
    var slope: Double
    /// Seconds until the lag reaches zero at the current pace; nil unless draining.
    var secondsToDrain: Double?

    /// Samples further back than this (one a second) do not decide the trend.
    static let window = 30
    /// The recent seconds every trend is checked against.
    static let shortWindow = 10
    /// Fewer samples than this say nothing about a trend.
    static let minimumSamples = 5
    /// Slower than this (a record every two seconds) reads as steady, however clean the line.
    static let minimumRate = 0.5
    /// A slope must be this many standard errors away from flat to count.
    static let significance = 3.0
    /// A one-second change this many times the usual spread of changes is a step, not a trend.
    static let stepFactor = 6.0
    /// ... and at least this many records.
    static let minimumStep = 10.0

    init(_ history: Series, lag: Int64) {
        secondsToDrain = nil
        let samples = Self.withoutSteps(Array(history.samples.suffix(Self.window)))
        guard samples.count >= Self.minimumSamples else {
            slope = 0
            direction = lag <= 0 ? .caughtUp : .steady
            return
        }
        let fit = Self.trendFit(samples)
        slope = fit.slope
        if lag <= 0 {
            direction = .caughtUp
        } else if fit.isSignificant, slope > 0 {
            direction = .growing
        } else if fit.isSignificant {
            direction = .draining
            secondsToDrain = Double(lag) / -slope
        } else {
            direction = .steady
        }
    }

    /// A least-squares line: its slope and that slope's standard error (how far noise alone could tilt it).
    struct Fit: Equatable {
        var slope: Double
        var standardError: Double
        var isSignificant: Bool { abs(slope) > max(LagTrend.minimumRate, LagTrend.significance * standardError) }

        /// Whether `other` could be the same line, given the noise around both.
        func agrees(with other: Fit) -> Bool {
            abs(slope - other.slope) <= LagTrend.significance * max(standardError, other.standardError, LagTrend.minimumRate / 3)
        }
    }

    /// The line over the last seconds that says where the lag is heading: the longest window, from
    /// `shortWindow` up, that agrees with the shortest one; when the recent seconds show no trend,
    /// the longest window (a slow drift shows only over time).
    static func trendFit(_ samples: [Double]) -> Fit {
        let windows = Array(stride(from: min(shortWindow, samples.count), through: samples.count, by: 5)) + [samples.count]
        let fits = windows.map { fit(Array(samples.suffix($0))) }
        guard let recent = fits.first, let longest = fits.last else { return Fit(slope: 0, standardError: 0) }
        guard recent.isSignificant else { return longest }
        return fits.last { $0.isSignificant && $0.agrees(with: recent) } ?? recent
    }

    /// The samples that say where the lag is heading: after a one-off step, the seconds since it
    /// when there are enough of them (a replay starts a new story), else every sample with the step
    /// replaced by the typical one-second change. Only a lone step goes: steps that recur (a
    /// consumer committing every few seconds, a producer sending in bursts) are how the lag moves.
    static func withoutSteps(_ samples: [Double]) -> [Double] {
        let changes = zip(samples.dropFirst(), samples).map { $0 - $1 }
        guard changes.count >= 4 else { return samples }
        let typical = median(changes)
        let deviations = changes.map { abs($0 - typical) }
        // Nine changes in ten set the usual spread; a step is far outside it.
        let spread = deviations.sorted()[(deviations.count - 1) * 9 / 10]
        let limit = max(Self.stepFactor * spread, Self.minimumStep)
        let steps = deviations.indices.filter { deviations[$0] > limit }
        guard steps.count == 1, let step = steps.first else { return samples }
        if samples.count - (step + 1) >= Self.minimumSamples { return Array(samples[(step + 1)...]) }
        let height = changes[step] - typical
        return samples.enumerated().map { index, value in index > step ? value - height : value }
    }

    /// The least-squares line through `samples` at x = 0, 1, 2...
    static func fit(_ samples: [Double]) -> Fit {
        let n = Double(samples.count)
        let meanX = (n - 1) / 2
        let meanY = samples.reduce(0, +) / n
        var sxx = 0.0, sxy = 0.0
        for (index, y) in samples.enumerated() {
            let dx = Double(index) - meanX
            sxx += dx * dx
            sxy += dx * (y - meanY)
        }
        guard sxx > 0 else { return Fit(slope: 0, standardError: 0) }
        let slope = sxy / sxx
        var residuals = 0.0
        for (index, y) in samples.enumerated() {
            let r = y - (meanY + slope * (Double(index) - meanX))
            residuals += r * r
        }
        let variance = residuals / max(1, n - 2)
        return Fit(slope: slope, standardError: (variance / sxx).squareRoot())
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    func symbol(_ glyphs: Glyphs) -> Unicode.Scalar {
        switch direction {
        case .growing: glyphs.growing
        case .draining: glyphs.draining
        case .steady, .caughtUp: glyphs.steady
        }
    }

    var style: Style {
        switch direction {
        case .growing: Style(.error, attributes: .bold)
        case .draining: Style(.ok, attributes: .bold)
        case .steady: .muted
        case .caughtUp: .ok
        }
    }

    /// `growing +12.0/s`, `drains in ~16m`, `steady`, `caught up`.
    var summary: String {
        switch direction {
        case .growing: "growing +" + Format.rate(slope)
        case .draining: "drains in ~" + Format.roughDuration(seconds: secondsToDrain ?? 0)
        case .steady: "steady"
        case .caughtUp: "caught up"
        }
    }
}
