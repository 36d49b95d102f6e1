public import SluiceModel

/// A record of a Kafka client's batch, placed where it lies in the batch's own bytes: the log copies the
/// batch once and indexes each record in that copy, so nothing is copied or borrowed record by record.
/// Positions count from the batch's first byte. 24 bytes, in the index entry's own widths: a batch of a
/// megabyte has some ten thousand of these.
public struct PlacedRecord: Sendable, Equatable {
    public let timestamp: Nanos
    /// Where the key starts (with no key, where the value does).
    let start: UInt32
    /// `IndexEntry.noKey` when the record has no key (an empty key is a key).
    let keyCount: UInt32
    let valueCount: UInt32
    /// Bytes from the key's end to the value (the value's length prefix); 0 with no key.
    let gap: UInt8

    /// nil when the index cannot say where the value is: it starts before the key ends, or too far after,
    /// or past what a position holds. A null value is stored empty.
    public init?(key: Range<Int>?, value: Range<Int>?, timestamp: Nanos) {
        self.timestamp = timestamp
        let value = value ?? key.map { $0.upperBound..<$0.upperBound } ?? 0..<0
        guard let valueStart = UInt32(exactly: value.lowerBound), let valueCount = UInt32(exactly: value.count),
              valueCount < UInt32.max - valueStart else { return nil }
        self.valueCount = valueCount
        guard let key else {
            start = valueStart
            keyCount = IndexEntry.noKey
            gap = 0
            return
        }
        guard let keyStart = UInt32(exactly: key.lowerBound), let keyCount = UInt32(exactly: key.count), keyCount < IndexEntry.noKey,
              key.upperBound <= value.lowerBound, value.lowerBound - key.upperBound <= IndexEntry.maxGap else { return nil }
        start = keyStart
        self.keyCount = keyCount
        gap = UInt8(value.lowerBound - key.upperBound)
    }

    public var position: Int { Int(start) }
    /// nil when the record has no key.
    public var keyLength: Int? { keyCount == IndexEntry.noKey ? nil : Int(keyCount) }
    public var valueGap: Int { Int(gap) }
    public var valueLength: Int { Int(valueCount) }
    /// The byte after the record's value.
    var end: Int { position + (keyLength ?? 0) + valueGap + valueLength }
    /// What the record's parts take, as `RecordLayout.totalBytes` counts them (no id or headers).
    var storedBytes: Int { (keyLength ?? 0) + valueLength }

    /// Refuses what the index cannot hold, as `RecordLayout` does for a copied record.
    func check() throws(BrokerError) {
        if valueLength > RecordLayout.maxValueBytes {
            throw .recordTooLarge(field: "value", bytes: valueLength, limit: RecordLayout.maxValueBytes)
        }
        if let keyLength, keyLength > RecordLayout.maxValueBytes {
            throw .recordTooLarge(field: "key", bytes: keyLength, limit: RecordLayout.maxValueBytes)
        }
    }
}
