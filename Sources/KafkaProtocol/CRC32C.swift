/// CRC-32C (Castagnoli), the checksum of a v2 record batch.
public enum CRC32C {
    /// Eight tables of 256 entries: slicing-by-8 reads eight bytes per step.
    private static let tables: [[UInt32]] = {
        let polynomial: UInt32 = 0x82F6_3B78  // 0x1EDC6F41, bit-reversed
        var tables = [[UInt32]](repeating: [UInt32](repeating: 0, count: 256), count: 8)
        for byte in 0..<256 {
            var crc = UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ polynomial : crc >> 1 }
            tables[0][byte] = crc
        }
        for byte in 0..<256 {
            for slice in 1..<8 {
                let previous = tables[slice - 1][byte]
                tables[slice][byte] = (previous >> 8) ^ tables[0][Int(previous & 0xff)]
            }
        }
        return tables
    }()

    /// The checksum of `bytes`, continuing from `crc` (the checksum of what came before, 0 to start).
    public static func checksum<Bytes: Collection>(_ bytes: Bytes, continuing crc: UInt32 = 0) -> UInt32
    where Bytes.Element == UInt8 {
        if let result = bytes.withContiguousStorageIfAvailable({ update(~crc, UnsafeRawBufferPointer($0)) }) {
            return ~result
        }
        return ~Array(bytes).withUnsafeBytes { update(~crc, $0) }
    }

    private static func update(_ start: UInt32, _ buffer: UnsafeRawBufferPointer) -> UInt32 {
        var crc = start
        var index = 0
        let count = buffer.count
        tables.withUnsafeBufferPointer { tables in
            let t0 = tables[0], t1 = tables[1], t2 = tables[2], t3 = tables[3]
            let t4 = tables[4], t5 = tables[5], t6 = tables[6], t7 = tables[7]
            while count - index >= 8 {
                let low = crc ^ (UInt32(buffer[index]) | UInt32(buffer[index + 1]) << 8
                    | UInt32(buffer[index + 2]) << 16 | UInt32(buffer[index + 3]) << 24)
                crc = t7[Int(low & 0xff)] ^ t6[Int((low >> 8) & 0xff)] ^ t5[Int((low >> 16) & 0xff)]
                    ^ t4[Int(low >> 24)] ^ t3[Int(buffer[index + 4])] ^ t2[Int(buffer[index + 5])]
                    ^ t1[Int(buffer[index + 6])] ^ t0[Int(buffer[index + 7])]
                index += 8
            }
            while index < count {
                crc = (crc >> 8) ^ t0[Int((crc ^ UInt32(buffer[index])) & 0xff)]
                index += 1
            }
        }
        return crc
    }
}
