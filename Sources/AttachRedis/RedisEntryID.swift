/// A stream entry id, `milliseconds-sequence`: the time the entry was added and its place within that millisecond.
public struct RedisEntryID: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var milliseconds: UInt64
    public var sequence: UInt64

    public init(milliseconds: UInt64, sequence: UInt64 = 0) {
        self.milliseconds = milliseconds; self.sequence = sequence
    }

    /// Parses `1700000000000-3` (or `1700000000000`, sequence 0); nil for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        guard let first = parts.first, let milliseconds = UInt64(first) else { return nil }
        if parts.count == 2 {
            guard let sequence = UInt64(parts[1]) else { return nil }
            self.init(milliseconds: milliseconds, sequence: sequence)
        } else {
            self.init(milliseconds: milliseconds)
        }
    }

    /// The id before any real entry: what a group created at `0` has delivered.
    public static let zero = RedisEntryID(milliseconds: 0)

    public var description: String { "\(milliseconds)-\(sequence)" }

    /// The greatest id before this one, nil for `0-0`: what a group must have been handed last for this one to come next.
    public var predecessor: RedisEntryID? {
        if sequence > 0 { return RedisEntryID(milliseconds: milliseconds, sequence: sequence - 1) }
        if milliseconds > 0 { return RedisEntryID(milliseconds: milliseconds - 1, sequence: .max) }
        return nil
    }

    /// UTC nanoseconds since the Unix epoch at which the entry was added.
    public var epochNanos: Int64 { Int64(clamping: milliseconds) &* 1_000_000 }

    public static func < (left: RedisEntryID, right: RedisEntryID) -> Bool {
        (left.milliseconds, left.sequence) < (right.milliseconds, right.sequence)
    }
}
