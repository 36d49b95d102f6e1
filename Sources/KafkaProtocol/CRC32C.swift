import CCRC32C

/// CRC-32C (Castagnoli), the checksum of a v2 record batch: every produced batch is checked, so this runs
/// over every byte clients send; the C side uses the CPU's crc32 instruction (SSE 4.2) when there is one.
public enum CRC32C {
    /// The checksum of `bytes`, continuing from `crc` (the checksum of what came before, 0 to start).
    public static func checksum<Bytes: Collection>(_ bytes: Bytes, continuing crc: UInt32 = 0) -> UInt32
    where Bytes.Element == UInt8 {
        if let result = bytes.withContiguousStorageIfAvailable({ update(~crc, $0) }) { return ~result }
        return ~Array(bytes).withUnsafeBufferPointer { update(~crc, $0) }
    }

    private static func update(_ start: UInt32, _ buffer: UnsafeBufferPointer<UInt8>) -> UInt32 {
        guard let base = buffer.baseAddress else { return start }
        return sluice_crc32c_update(start, base, buffer.count)
    }
}
