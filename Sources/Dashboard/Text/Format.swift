public import SluiceModel

/// Numbers, rates and durations as the screen shows them (no Foundation, so written here).
public enum Format {
    /// `value` with exactly `decimals` digits after the point, rounded half away from zero.
    public static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "-" : (value < 0 ? "-inf" : "inf") }
        var scale = 1.0
        for _ in 0..<max(0, decimals) { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        guard scaled < 9.0e18 else { return value < 0 ? "-huge" : "huge" }
        let units = Int64(scaled)
        let whole = units / Int64(scale)
        let sign = value < 0 && units != 0 ? "-" : ""
        guard decimals > 0 else { return sign + String(whole) }
        let fraction = String(units % Int64(scale))
        return sign + String(whole) + "." + String(repeating: "0", count: decimals - fraction.count) + fraction
    }

    /// A count with a k/M/G suffix once it no longer fits four digits.
    public static func count(_ value: Int64) -> String {
        let magnitude = abs(Double(value))
        if magnitude < 10_000 { return String(value) }
        return scaled(Double(value))
    }

    /// A rate with one decimal below 100 and k/M suffixes above, e.g. `12.5/s`, `3.4k/s`.
    public static func rate(_ perSecond: Double) -> String { number(perSecond) + "/s" }

    /// A non-integer quantity: one decimal below 100, whole numbers below 10k, then k/M/G.
    public static func number(_ value: Double) -> String {
        let magnitude = abs(value)
        if magnitude < 100 { return fixed(value, decimals: 1) }
        if magnitude < 10_000 { return fixed(value, decimals: 0) }
        return scaled(value)
    }

    static func scaled(_ value: Double) -> String {
        let magnitude = abs(value)
        for (limit, suffix) in [(1e3, "k"), (1e6, "M"), (1e9, "G")].reversed() where magnitude >= limit {
            let v = value / limit
            return fixed(v, decimals: abs(v) < 100 ? 1 : 0) + suffix
        }
        return fixed(value, decimals: 0)
    }

    /// Partitions as runs: `p0-2,p5`; `-` for none.
    /// With `stoppingPast`, the list ends once it is longer than that many characters: a column that
    /// wide cuts it anyway, and a member of a large group may own hundreds of partitions.
    public static func partitionList(_ partitions: [Int], stoppingPast limit: Int = .max) -> String {
        guard !partitions.isEmpty else { return "-" }
        var text = ""
        let sorted = partitions.sorted()
        var start = sorted[0], end = sorted[0]
        func addRun() {
            if !text.isEmpty { text += "," }
            text += start == end ? "p\(start)" : "p\(start)-\(end)"
        }
        for partition in sorted.dropFirst() {
            if partition == end + 1 { end = partition; continue }
            addRun()
            if text.count > limit { return text }
            start = partition; end = partition
        }
        addRun()
        return text
    }

    /// Partitions of several topics, topic by topic: `orders p0-2 payments p1`.
    public static func partitionList(_ partitions: [PartitionRef], stoppingPast limit: Int = .max) -> String {
        guard !partitions.isEmpty else { return "-" }
        var text = ""
        var byTopic: [(topic: String, partitions: [Int])] = []
        for partition in partitions.sorted() {
            if byTopic.last?.topic == partition.topic { byTopic[byTopic.count - 1].partitions.append(partition.partition) }
            else { byTopic.append((partition.topic, [partition.partition])) }
        }
        for (topic, numbers) in byTopic {
            if !text.isEmpty { text += " " }
            text += UntrustedText.escape(topic) + " " + partitionList(numbers, stoppingPast: limit)
            if text.count > limit { return text }
        }
        return text
    }

    /// A share as a percentage: `0.125` is `12.5%`.
    public static func percent(_ fraction: Double) -> String { fixed(fraction * 100, decimals: 1) + "%" }

    /// A speed multiplier: `0.1x`, `0.25x`, `2x`, `12.5x`, as the backend's answers write it too.
    public static func speed(_ multiplier: Double) -> String { SpeedText.format(multiplier) }

    /// A span of time, short: `850ms`, `12.3s`, `4m05s`, `2h03m`.
    public static func duration(_ nanos: Nanos) -> String {
        let sign = nanos < 0 ? "-" : ""
        let n = nanos.magnitude
        let ms = n / UInt64(NanosPerUnit.millisecond)
        if ms < 1 { return sign + String(n / UInt64(NanosPerUnit.microsecond)) + "us" }
        if ms < 1_000 { return sign + String(ms) + "ms" }
        if ms < 60_000 { return sign + fixed(Double(ms) / 1_000, decimals: 1) + "s" }
        let seconds = ms / 1_000
        if seconds < 3_600 { return sign + String(seconds / 60) + "m" + twoDigits(seconds % 60) + "s" }
        return sign + String(seconds / 3_600) + "h" + twoDigits(seconds / 60 % 60) + "m"
    }

    /// An estimate of a span, only as precise as an estimate is: `45s`, `16m`, `2h05m`, `3d`.
    public static func roughDuration(seconds: Double) -> String {
        guard seconds.isFinite else { return "ever" }
        let whole = max(1, Int64(min(seconds, 1e12).rounded()))
        if whole < 90 { return "\(whole)s" }
        let minutes = (whole + 30) / 60
        if minutes < 90 { return "\(minutes)m" }
        if minutes < 48 * 60 { return "\(minutes / 60)h" + twoDigits(UInt64(minutes % 60)) + "m" }
        return "\((minutes + 12 * 60) / (24 * 60))d"
    }

    /// A point in a run as a clock: `00:04:12.3`.
    public static func clock(_ nanos: Nanos) -> String { ClockText.format(nanos) }

    static func twoDigits(_ value: UInt64) -> String { value < 10 ? "0" + String(value) : String(value) }

    /// `text` cut to `width` columns, ending in `ellipsis` when cut. A number is never cut: the text
    /// ends before it instead (`lag …`, never `lag 5` for 59).
    public static func truncate(_ text: String, to width: Int, ellipsis: Unicode.Scalar = "…") -> String {
        guard width > 0 else { return "" }
        if CharacterWidth.of(text) <= width { return text }
        var kept = Array(prefix(text, width: width - 1))
        var rest = text.dropFirst(kept.count).first
        while let last = kept.last, cutsANumber(last, rest) {
            rest = kept.removeLast()
        }
        var out = String(kept)
        out.unicodeScalars.append(ellipsis)
        return out
    }

    /// A name shortened to `width` columns keeping what tells it from its siblings, the part after
    /// its last `/` (`bil…/2` for `billing/2`); the end goes instead when that part alone is too wide.
    public static func abbreviate(_ name: String, to width: Int) -> String {
        guard CharacterWidth.of(name) > width, let slash = name.lastIndex(of: "/") else { return truncate(name, to: width) }
        let tail = String(name[slash...])
        let room = width - CharacterWidth.of(tail) - 1
        guard room >= 1 else { return truncate(name, to: width) }
        return String(prefix(String(name[..<slash]), width: room)) + "…" + tail
    }

    /// The longest start of `text` at most `width` columns wide (cut anywhere: for wrapping).
    static func prefix(_ text: String, width: Int) -> Substring {
        var used = 0
        var end = text.startIndex
        for index in text.indices {
            let w = CharacterWidth.of(text[index])
            if used + w > width { break }
            used += w
            end = text.index(after: index)
        }
        return text[..<end]
    }

    /// Whether ending text between `before` and `after` (with an ellipsis) would cut a number or
    /// look as if it had: an ellipsis right after a digit reads as a number that lost its end
    /// (`capacity 200…` could be 2000), so the text ends before that number instead.
    static func cutsANumber(_ before: Character, _ after: Character?) -> Bool {
        guard let after else { return false }
        let digit = { (c: Character) in c.isASCII && c.isNumber }
        let joins = { (c: Character) in c.isLetter || c.isNumber || ".,:%".contains(c) }
        return digit(before) || digit(after) && (joins(before) || "+-".contains(before))
    }

    /// `text` padded with spaces (or cut) to exactly `width` columns.
    public static func pad(_ text: String, to width: Int, alignRight: Bool = false) -> String {
        let cut = truncate(text, to: width)
        let gap = String(repeating: " ", count: max(0, width - CharacterWidth.of(cut)))
        return alignRight ? gap + cut : cut + gap
    }
}
