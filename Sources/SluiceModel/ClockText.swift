/// Simulated or run time as a person reads it everywhere: `00:05:00.0` (hours, minutes, seconds, tenths).
public enum ClockText {
    /// A time before zero (a live engine's record from before the attach) keeps its sign: `-00:05:00.0`.
    public static func format(_ nanos: Nanos) -> String {
        if nanos < 0 { return "-" + format(nanos == .min ? .max : -nanos) }
        let tenths = nanos / (NanosPerUnit.millisecond * 100)
        let seconds = tenths / 10
        return twoDigits(seconds / 3_600) + ":" + twoDigits(seconds / 60 % 60) + ":" + twoDigits(seconds % 60)
            + "." + String(tenths % 10)
    }

    static func twoDigits(_ value: Int64) -> String { value < 10 ? "0" + String(value) : String(value) }
}
