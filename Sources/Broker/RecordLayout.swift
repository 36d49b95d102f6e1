import SluiceModel

/// The sizes of one record's parts as stored, checked against the index entry's field widths.
struct RecordLayout {
    static let maxValueBytes = 64 * 1024 * 1024
    let idLength: Int
    let headersLength: Int
    let totalBytes: Int

    init<Record: AppendableRecord>(_ record: UnsafePointer<Record>) throws(BrokerError) {
        let keyLength = record.pointee.keyCount ?? 0
        idLength = record.pointee.messageId?.utf8.count ?? 0
        headersLength = record.pointee.headers.isEmpty ? 0
            : record.pointee.headers.reduce(0) { $0 + HeaderCoding.size(of: $1) }
        let valueLength = record.pointee.valueCount
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
