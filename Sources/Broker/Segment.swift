import SluiceModel

/// Where one record's bytes sit in its segment's arena: 24 bytes per record.
///
/// A record copied in holds, in this order: key, message id (UTF-8), encoded headers, value. A record placed
/// in its batch's bytes (copied in whole, `Segment.appendBlob`) has no id or headers here, and its value
/// starts a few bytes after its key (past the value's length prefix): `valueGap`.
/// (`@usableFromInline`, like the segment, so consumers' loops over records inline.)
@usableFromInline
struct IndexEntry: Sendable {
    @usableFromInline var timestamp: Int64
    @usableFromInline var position: UInt32
    /// `IndexEntry.noKey` when the record has no key (an empty key is a key).
    @usableFromInline var keyLength: UInt32
    /// The value's length in the low bits (`RecordLayout.maxValueBytes` fits), `valueGap` in the top four.
    @usableFromInline var valueLengthAndGap: UInt32
    @usableFromInline var headersLength: UInt16
    /// 0 when the record has no message id.
    @usableFromInline var idLength: UInt16

    @usableFromInline static let noKey = UInt32.max
    @usableFromInline static let gapShift: UInt32 = 28
    /// The widest gap: a length prefix takes at most 5 bytes.
    static let maxGap = 15

    init(timestamp: Int64, position: UInt32, keyLength: UInt32, valueLength: UInt32, valueGap: Int = 0,
         headersLength: UInt16, idLength: UInt16) {
        self.timestamp = timestamp; self.position = position; self.keyLength = keyLength
        valueLengthAndGap = valueLength | UInt32(valueGap) << Self.gapShift
        self.headersLength = headersLength; self.idLength = idLength
    }

    @inlinable var valueLength: UInt32 { valueLengthAndGap & (1 << Self.gapShift - 1) }
    @inlinable var valueGap: Int { Int(valueLengthAndGap >> Self.gapShift) }

    var storedBytes: Int {
        Int(keyLength == Self.noKey ? 0 : keyLength) + Int(idLength) + Int(headersLength) + Int(valueLength)
    }
    var keyStart: Int { Int(position) }
    var idStart: Int { keyStart + Int(keyLength == Self.noKey ? 0 : keyLength) }
    var headersStart: Int { idStart + Int(idLength) }
    @inlinable var valueStart: Int {
        Int(position) + Int(keyLength == Self.noKey ? 0 : keyLength) + Int(idLength) + Int(headersLength) + valueGap
    }
}

/// A contiguous run of a partition's log: a fixed index array and a byte arena, both allocated once.
///
/// Records below `count` never change after they are written, so a `RecordBatch` may keep reading them
/// without the partition lock while later records are appended; the segment lives while anyone holds it.
@usableFromInline
final class Segment: @unchecked Sendable {
    // Mutated only under the partition lock, so the runtime's per-access exclusivity checks (a large share
    // of an append) are turned off for these fields.
    @exclusivity(unchecked) @usableFromInline private(set) var baseOffset: Int64
    let entryCapacity: Int
    let byteCapacity: Int
    @usableFromInline let entries: UnsafeMutablePointer<IndexEntry>
    @usableFromInline let arena: UnsafeMutableRawPointer
    @exclusivity(unchecked) private(set) var count = 0
    @exclusivity(unchecked) private(set) var bytesUsed = 0
    @exclusivity(unchecked) private(set) var maxTimestamp = Int64.min

    init(baseOffset: Int64, entryCapacity: Int, byteCapacity: Int) {
        self.baseOffset = baseOffset
        self.entryCapacity = entryCapacity
        self.byteCapacity = byteCapacity
        entries = .allocate(capacity: entryCapacity)
        arena = .allocate(byteCount: max(byteCapacity, 1), alignment: 16)
    }

    deinit {
        entries.deallocate()
        arena.deallocate()
    }

    /// Empties a segment nobody else references so its memory (already faulted in) is written again.
    func recycle(baseOffset: Int64) {
        self.baseOffset = baseOffset
        count = 0
        bytesUsed = 0
        maxTimestamp = .min
    }

    var endOffset: Int64 { baseOffset + Int64(count) }
    var allocatedBytes: Int { entryCapacity * MemoryLayout<IndexEntry>.stride + byteCapacity }

    func canHold(bytes: Int) -> Bool { canHold(records: 1, bytes: bytes) }

    func canHold(records: Int, bytes: Int) -> Bool {
        count + records <= entryCapacity && bytesUsed + bytes <= byteCapacity
    }

    @inlinable func entry(at index: Int) -> IndexEntry { entries[index] }

    /// Copies one record in, read in place; the caller checked `canHold` with `layout.totalBytes`.
    func append<Record: AppendableRecord>(_ record: UnsafePointer<Record>, layout: RecordLayout, timestamp: Nanos) {
        let start = bytesUsed
        var cursor = arena + start
        var keyLength = IndexEntry.noKey
        if let count = record.pointee.keyCount {
            keyLength = UInt32(count)
            cursor = record.pointee.copyKey(to: cursor)
        }
        if layout.idLength > 0, var id = record.pointee.messageId {
            cursor = id.withUTF8 { cursor.copying(UnsafeRawBufferPointer($0)) }
        }
        if layout.headersLength > 0 {
            for header in record.pointee.headers { cursor = HeaderCoding.write(header, to: cursor) }
        }
        record.pointee.copyValue(to: cursor)
        entries[count] = IndexEntry(
            timestamp: timestamp, position: UInt32(start), keyLength: keyLength,
            valueLength: UInt32(record.pointee.valueCount), headersLength: UInt16(layout.headersLength),
            idLength: UInt16(layout.idLength))
        count += 1
        bytesUsed = start + layout.totalBytes
        maxTimestamp = max(maxTimestamp, timestamp)
    }

    /// Faults in, at once, the memory the next `records` entries and `bytes` of arena will take (when it is
    /// large enough for that to pay): a batch of a megabyte then costs one system call, not a trap per page.
    func prepare(records: Int, bytes: Int) {
        let stride = MemoryLayout<IndexEntry>.stride
        PrefaultedMemory.populate(UnsafeMutableRawPointer(entries + count), count: min(records, entryCapacity - count) * stride)
        PrefaultedMemory.populate(arena + bytesUsed, count: min(bytes, byteCapacity - bytesUsed))
    }

    /// Copies a batch's bytes in whole and returns where they start (`appendPlaced` indexes records in them).
    func appendBlob(_ bytes: UnsafeRawBufferPointer) -> Int {
        let start = bytesUsed
        _ = (arena + start).copying(bytes)
        bytesUsed = start + bytes.count
        return start
    }

    /// Indexes a record whose bytes already sit in the arena, in the blob at `blob`; the caller checked `canHold`.
    func appendPlaced(_ record: PlacedRecord, inBlobAt blob: Int) {
        entries[count] = IndexEntry(
            timestamp: record.timestamp, position: UInt32(blob) + record.start, keyLength: record.keyCount,
            valueLength: record.valueCount, valueGap: Int(record.gap), headersLength: 0, idLength: 0)
        count += 1
        maxTimestamp = max(maxTimestamp, record.timestamp)
    }

    @inlinable func bytes(from start: Int, count length: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: arena + start, count: length)
    }
}
