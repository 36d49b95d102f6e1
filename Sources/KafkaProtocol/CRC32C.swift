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

    /// The same a byte at a time from a table, as CPUs without the instruction do (for tests).
    static func bytewiseChecksum(_ bytes: [UInt8]) -> UInt32 {
        ~bytes.withUnsafeBufferPointer { update(~0, $0, sluice_crc32c_update_bytewise) }
    }

    private static func update(_ start: UInt32, _ buffer: UnsafeBufferPointer<UInt8>,
                               _ step: (UInt32, UnsafePointer<UInt8>, Int) -> UInt32 = sluice_crc32c_update) -> UInt32 {
        guard let base = buffer.baseAddress else { return start }
        return step(start, base, buffer.count)
    }
}
