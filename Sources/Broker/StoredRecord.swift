public import SluiceModel

/// A record as stored in a partition: a view into the log, reading its bytes on demand.
public struct StoredRecord: Sendable {
    public let partition: Int
    public let offset: Int64
    @usableFromInline let segment: Segment
    @usableFromInline let entry: IndexEntry

    @usableFromInline
    init(partition: Int, offset: Int64, segment: Segment, entry: IndexEntry) {
        self.partition = partition; self.offset = offset; self.segment = segment; self.entry = entry
    }

    @inlinable public var timestamp: Nanos { entry.timestamp }

    public var key: [UInt8]? {
        entry.keyLength == IndexEntry.noKey ? nil : Array(segment.bytes(from: entry.keyStart, count: Int(entry.keyLength)))
    }

    public var value: [UInt8] { Array(segment.bytes(from: entry.valueStart, count: Int(entry.valueLength))) }

    /// The value's length, without copying it.
    @inlinable public var valueCount: Int { Int(entry.valueLength) }

    public var headers: [Header] {
        entry.headersLength == 0 ? [] : HeaderCoding.read(segment.bytes(from: entry.headersStart, count: Int(entry.headersLength)))
    }

    public var messageId: String? {
        entry.idLength == 0 ? nil
            : String(decoding: segment.bytes(from: entry.idStart, count: Int(entry.idLength)), as: UTF8.self)
    }

    /// The stored bytes of key, id, headers and value together: what retention by bytes counts.
    public var storedBytes: Int { entry.storedBytes }

    /// Reads the value in place, without copying.
    @inlinable
    public func withUnsafeValue<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try body(segment.bytes(from: entry.valueStart, count: Int(entry.valueLength)))
    }
}
