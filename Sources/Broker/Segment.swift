import SluiceModel

/// Where one record's bytes sit in its segment's arena: 24 bytes per record.
///
/// The arena holds, per record and in this order: key, message id (UTF-8), encoded headers, value.
struct IndexEntry {
    var timestamp: Int64
    var position: UInt32
    /// `IndexEntry.noKey` when the record has no key (an empty key is a key).
    var keyLength: UInt32
    var valueLength: UInt32
    var headersLength: UInt16
    /// 0 when the record has no message id.
    var idLength: UInt16

    static let noKey = UInt32.max

    var storedBytes: Int {
        Int(keyLength == Self.noKey ? 0 : keyLength) + Int(idLength) + Int(headersLength) + Int(valueLength)
    }
    var keyStart: Int { Int(position) }
    var idStart: Int { keyStart + Int(keyLength == Self.noKey ? 0 : keyLength) }
    var headersStart: Int { idStart + Int(idLength) }
    var valueStart: Int { headersStart + Int(headersLength) }
}

/// A contiguous run of a partition's log: a fixed index array and a byte arena, both allocated once.
///
/// Records below `count` never change after they are written, so a `RecordBatch` may keep reading them
/// without the partition lock while later records are appended; the segment lives while anyone holds it.
final class Segment: @unchecked Sendable {
    private(set) var baseOffset: Int64
    let entryCapacity: Int
    let byteCapacity: Int
    private let entries: UnsafeMutablePointer<IndexEntry>
    private let arena: UnsafeMutableRawPointer
    /// Mutated only under the owning partition's lock.
    private(set) var count = 0
    private(set) var bytesUsed = 0
    private(set) var maxTimestamp = Int64.min

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

    func canHold(bytes: Int) -> Bool { count < entryCapacity && bytesUsed + bytes <= byteCapacity }

    func entry(at index: Int) -> IndexEntry { entries[index] }

    /// Copies one record in, read in place; the caller checked `canHold` with `layout.totalBytes`.
    func append(_ record: UnsafePointer<ProducerRecord>, layout: RecordLayout, timestamp: Nanos) {
        let start = bytesUsed
        var cursor = arena + start
        var keyLength = IndexEntry.noKey
        if let key = record.pointee.key {
            keyLength = UInt32(key.count)
            cursor = copy(key, to: cursor)
        }
        if layout.idLength > 0, var id = record.pointee.messageId {
            cursor = id.withUTF8 { copy($0, to: cursor) }
        }
        if layout.headersLength > 0 {
            for header in record.pointee.headers { cursor = HeaderCoding.write(header, to: cursor) }
        }
        _ = copy(record.pointee.value, to: cursor)
        entries[count] = IndexEntry(
            timestamp: timestamp, position: UInt32(start), keyLength: keyLength,
            valueLength: UInt32(record.pointee.value.count), headersLength: UInt16(layout.headersLength),
            idLength: UInt16(layout.idLength))
        count += 1
        bytesUsed = start + layout.totalBytes
        maxTimestamp = max(maxTimestamp, timestamp)
    }

    func bytes(from start: Int, count length: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: arena + start, count: length)
    }

    private func copy(_ bytes: [UInt8], to cursor: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer {
        bytes.withUnsafeBufferPointer { copy($0, to: cursor) }
    }

    private func copy(_ bytes: UnsafeBufferPointer<UInt8>, to cursor: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer {
        if let base = bytes.baseAddress {
            cursor.copyMemory(from: base, byteCount: bytes.count)
        }
        return cursor + bytes.count
    }
}

/// The sizes of one record's parts as stored, checked against the index entry's field widths.
struct RecordLayout {
    static let maxValueBytes = 64 * 1024 * 1024
    let idLength: Int
    let headersLength: Int
    let totalBytes: Int

    init(_ record: UnsafePointer<ProducerRecord>) throws(BrokerError) {
        let keyLength = record.pointee.key?.count ?? 0
        idLength = record.pointee.messageId?.utf8.count ?? 0
        headersLength = record.pointee.headers.isEmpty ? 0
            : record.pointee.headers.reduce(0) { $0 + HeaderCoding.size(of: $1) }
        let valueLength = record.pointee.value.count
        let fieldLimit = Int(UInt16.max)
        if idLength > fieldLimit { throw .recordTooLarge(field: "message id", bytes: idLength, limit: fieldLimit) }
        if headersLength > fieldLimit { throw .recordTooLarge(field: "headers", bytes: headersLength, limit: fieldLimit) }
        if valueLength > Self.maxValueBytes {
            throw .recordTooLarge(field: "value", bytes: valueLength, limit: Self.maxValueBytes)
        }
        if keyLength > Self.maxValueBytes { throw .recordTooLarge(field: "key", bytes: keyLength, limit: Self.maxValueBytes) }
        totalBytes = keyLength + idLength + headersLength + valueLength
    }
}

/// Headers in the arena: per header a 2-byte name length, the name, a 4-byte value length, the value.
enum HeaderCoding {
    static func size(of header: Header) -> Int { 2 + header.name.utf8.count + 4 + header.value.count }

    static func write(_ header: Header, to cursor: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer {
        var name = header.name
        var next = cursor
        name.withUTF8 { utf8 in
            next.storeBytes(of: UInt16(utf8.count).littleEndian, toByteOffset: 0, as: UInt16.self)
            if let base = utf8.baseAddress { (next + 2).copyMemory(from: base, byteCount: utf8.count) }
            next += 2 + utf8.count
        }
        next.storeBytes(of: UInt32(header.value.count).littleEndian, toByteOffset: 0, as: UInt32.self)
        header.value.withUnsafeBytes { value in
            if let base = value.baseAddress { (next + 4).copyMemory(from: base, byteCount: value.count) }
        }
        return next + 4 + header.value.count
    }

    static func read(_ block: UnsafeRawBufferPointer) -> [Header] {
        var headers: [Header] = []
        var at = 0
        while at + 2 <= block.count {
            let nameLength = Int(UInt16(littleEndian: block.loadUnaligned(fromByteOffset: at, as: UInt16.self)))
            let name = String(decoding: block[(at + 2)..<(at + 2 + nameLength)], as: UTF8.self)
            at += 2 + nameLength
            let valueLength = Int(UInt32(littleEndian: block.loadUnaligned(fromByteOffset: at, as: UInt32.self)))
            headers.append(Header(name, Array(block[(at + 4)..<(at + 4 + valueLength)])))
            at += 4 + valueLength
        }
        return headers
    }
}
