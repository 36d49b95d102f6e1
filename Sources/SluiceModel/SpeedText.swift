/// A speed of time as every output writes it, so the header, the status line and a backend's
/// answer agree: `0.1x`, `0.25x`, `2x`, `12.5x`.
public enum SpeedText {
    public static func format(_ multiplier: Double) -> String {
        guard multiplier.isFinite, multiplier >= 0, multiplier < 1e12 else { return "\(multiplier)x" }
        let whole = multiplier.rounded()
        if abs(multiplier - whole) < 0.005 { return String(Int64(whole)) + "x" }
        // Two decimals below 1x (0.25x), one above (12.5x); no trailing zeros.
        let scale: Int64 = multiplier < 1 ? 100 : 10
        let units = Int64((multiplier * Double(scale)).rounded())
        var fraction = String(units % scale)
        if scale == 100, fraction.count == 1 { fraction = "0" + fraction }
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return String(units / scale) + (fraction.isEmpty ? "" : "." + fraction) + "x"
    }
}
