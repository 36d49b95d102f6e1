public import SluiceModel

extension Nanos {
    /// A time so far ahead (about 146 years) that no run reaches it, yet adding two of them cannot overflow.
    public static let farFuture: Nanos = 1 << 62

    /// A whole number of nanoseconds from a double, clamped to 0...farFuture instead of trapping.
    ///
    /// Scenario values are bounded, but draws from long-tailed distributions and products of several
    /// accepted values can still exceed Int64; such a time lies beyond any run, so clamping is exact enough.
    @inline(__always)
    public init(saturating value: Double) {
        if value.isNaN || value >= Double(Nanos.farFuture) {
            self = .farFuture
        } else if value <= 0 {
            self = 0
        } else {
            self = Nanos(value.rounded())
        }
    }
}
