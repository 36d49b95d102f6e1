/// Durations as scenario files write them: "250ms", "1m", "1h30m", "1.5s", "0". In the model so that
/// what a person types on the dashboard reads the same way.
public enum DurationText {
    private static let units: [(suffix: String, nanos: Double)] = [
        ("ns", 1), ("us", 1e3), ("µs", 1e3), ("ms", 1e6), ("s", 1e9), ("m", 60e9), ("h", 3600e9), ("d", 86400e9),
    ]

    /// Parses a duration, or returns nil when the text is not one (negative durations are not). Units
    /// go from the largest down, each at most once ("1h30m", never "1h1h1h" or "30m1h"). A duration too
    /// long for `Nanos` reads as `Nanos.max`, so that callers refuse it by their own upper bound.
    public static func parse(_ text: String) -> Nanos? {
        let blank = { (c: Character) in c == " " || c == "\t" }
        let trimmed = String(text.drop(while: blank).reversed().drop(while: blank).reversed())
        if trimmed == "0" { return 0 }
        var rest = Substring(trimmed)
        var total = 0.0
        var previousUnit = Double.infinity
        guard !rest.isEmpty else { return nil }
        while !rest.isEmpty {
            let number = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            guard !number.isEmpty, let value = Double(number) else { return nil }
            rest = rest.dropFirst(number.count)
            let unitText = rest.prefix { !($0.isASCII && ($0.isNumber || $0 == ".")) }
            guard let unit = units.first(where: { $0.suffix == unitText }), unit.nanos < previousUnit else { return nil }
            previousUnit = unit.nanos
            rest = rest.dropFirst(unitText.count)
            total += value * unit.nanos
        }
        guard !total.isNaN else { return nil }
        return total < 9.2e18 ? Nanos(total.rounded()) : Nanos.max
    }

    /// The shortest readable form: "1h30m", "250ms", "1.5s".
    public static func format(_ nanos: Nanos) -> String {
        if nanos == 0 { return "0s" }
        let sign = nanos < 0 ? "-" : ""
        var rest = nanos.magnitude
        if rest % UInt64(NanosPerUnit.second) == 0 {
            var parts = ""
            for (suffix, size) in [("h", UInt64(3600)), ("m", 60), ("s", 1)] {
                let seconds = rest / UInt64(NanosPerUnit.second)
                let count = seconds / size
                if count > 0 {
                    parts += "\(count)\(suffix)"
                    rest -= count * size * UInt64(NanosPerUnit.second)
                }
            }
            return sign + parts
        }
        for (suffix, size) in [("s", 1e9), ("ms", 1e6), ("us", 1e3)] where Double(rest) >= size {
            return sign + trimmedNumber(Double(rest) / size) + suffix
        }
        return "\(sign)\(rest)ns"
    }

    private static func trimmedNumber(_ value: Double) -> String {
        let rounded = (value * 1000).rounded() / 1000
        return rounded == rounded.rounded() ? String(Int64(rounded)) : String(rounded)
    }
}
