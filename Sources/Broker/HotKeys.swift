import SluiceModel

/// The keys a partition sees most, by the space-saving algorithm over a sample of its appends: a
/// few fixed slots, so tracking costs the same however many keys there are.
struct HotKeys {
    /// One append in this many is counted, so the append path stays cheap.
    static let sampleEvery: Int64 = 8
    static let slots = 8

    private var keys: [[UInt8]] = []
    private var counts: [Int64] = []

    /// Counts `key` if the record at `offset` is in the sample (only then is `key` worked out).
    mutating func note(_ key: @autoclosure () -> [UInt8]?, offset: Int64) {
        guard offset % Self.sampleEvery == 0, let key = key() else { return }
        if let found = keys.firstIndex(of: key) {
            counts[found] += 1
        } else if keys.count < Self.slots {
            keys.append(key)
            counts.append(1)
        } else if let smallest = counts.indices.min(by: { counts[$0] < counts[$1] }) {
            // The newcomer inherits the evicted count: estimates err high, never low.
            keys[smallest] = key
            counts[smallest] += 1
        }
    }

    /// The hottest first, with estimated record counts.
    var top: [KeyCount] {
        counts.indices.sorted { counts[$0] > counts[$1] }
            .map { KeyCount(key: keys[$0], records: counts[$0] * Self.sampleEvery) }
    }
}
