public import SluiceModel

/// A record whose key and value bytes are borrowed from the caller's buffer for the length of one append
/// (a Kafka listener's produce request), so a batch lands in the log without an array per record.
public struct BorrowedRecord {
    /// nil for no key; valid only during the append it is handed to.
    public var key: UnsafeRawBufferPointer?
    public var value: UnsafeRawBufferPointer
    public var headers: [Header]
    /// Defaults to the broker's clock at append time.
    public var timestamp: Nanos?

    public init(key: UnsafeRawBufferPointer?, value: UnsafeRawBufferPointer, headers: [Header] = [], timestamp: Nanos?) {
        self.key = key; self.value = value; self.headers = headers; self.timestamp = timestamp
    }
}

/// What storing a record needs from it, whatever holds its bytes: a producer's arrays or borrowed bytes.
protocol AppendableRecord {
    /// nil when the record has no key (an empty key is a key).
    var keyCount: Int? { get }
    var valueCount: Int { get }
    var headers: [Header] { get }
    var messageId: String? { get }
    var timestamp: Nanos? { get }
    /// The key as an array, for the hot-key sample (asked only for sampled records).
    var keyArray: [UInt8]? { get }
    /// Copies the key (if any) to `cursor` and returns the byte after it.
    func copyKey(to cursor: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer
    func copyValue(to cursor: UnsafeMutableRawPointer)
}

extension ProducerRecord: AppendableRecord {
    var keyCount: Int? { key?.count }
    var valueCount: Int { value.count }
    var keyArray: [UInt8]? { key }

    func copyKey(to cursor: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer {
        guard let key else { return cursor }
        return key.withUnsafeBytes { cursor.copying($0) }
    }

    func copyValue(to cursor: UnsafeMutableRawPointer) { _ = value.withUnsafeBytes { cursor.copying($0) } }
}

extension BorrowedRecord: AppendableRecord {
    var keyCount: Int? { key?.count }
    var valueCount: Int { value.count }
    var messageId: String? { nil }
    var keyArray: [UInt8]? { key.map { Array($0) } }

    func copyKey(to cursor: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer {
        guard let key else { return cursor }
        return cursor.copying(key)
    }

    func copyValue(to cursor: UnsafeMutableRawPointer) { _ = cursor.copying(value) }
}

extension UnsafeMutableRawPointer {
    /// Copies `bytes` here and returns the byte after them.
    func copying(_ bytes: UnsafeRawBufferPointer) -> UnsafeMutableRawPointer {
        if let base = bytes.baseAddress { copyMemory(from: base, byteCount: bytes.count) }
        return self + bytes.count
    }
}
