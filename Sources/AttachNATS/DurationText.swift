/// Short human text for a JetStream duration in nanoseconds: `500ms`, `30s`, `2m`, `1h30m`.
enum DurationText {
    static func format(nanos: Int64) -> String {
        if nanos < 1_000_000_000 { return "\(nanos / 1_000_000)ms" }
        let seconds = nanos / 1_000_000_000
        let (hours, minutes, rest) = (seconds / 3600, seconds / 60 % 60, seconds % 60)
        var text = ""
        if hours > 0 { text += "\(hours)h" }
        if minutes > 0 { text += "\(minutes)m" }
        if rest > 0 || text.isEmpty { text += "\(rest)s" }
        return text
    }
}
