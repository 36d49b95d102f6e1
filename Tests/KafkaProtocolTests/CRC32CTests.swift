@testable import KafkaProtocol
import SluiceModel
import Testing

@Suite struct CRC32CTests {
    /// The check value of the CRC-32C catalogue entry, and the iSCSI test patterns of RFC 3720, appendix B.4.
    @Test func knownVectors() {
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
        #expect(CRC32C.checksum([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
        #expect(CRC32C.checksum([UInt8](repeating: 0xFF, count: 32)) == 0x62A8_AB43)
        #expect(CRC32C.checksum((0..<32).map { UInt8($0) }) == 0x46DD_794E)
        #expect(CRC32C.checksum((0..<32).reversed().map { UInt8($0) }) == 0x113F_DB5C)
        #expect(CRC32C.checksum([UInt8]()) == 0)
    }

    @Test func aChecksumCanContinueAcrossPieces() {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        for cut in [0, 1, 7, 8, 9, 500, 999, 1000] {
            let first = CRC32C.checksum(bytes[..<cut])
            #expect(CRC32C.checksum(bytes[cut...], continuing: first) == CRC32C.checksum(bytes), "cut at \(cut)")
        }
    }

    /// The fast path runs three streams over 8 KiB and 256-byte blocks and joins them: every length around
    /// those block sizes, from every alignment, must give what one bit at a time gives.
    @Test func theFastPathAgreesWithABitAtATimeAcrossBlockSizes() {
        var generator = SeededGenerator(seed: 32)
        let bytes = (0..<(3 * 8192 * 2 + 1000)).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let lengths = [0, 1, 7, 8, 9, 767, 768, 769, 3 * 256 * 5 + 3, 3 * 8192 - 1, 3 * 8192, 3 * 8192 + 1,
                       3 * 8192 + 768 + 9, 2 * 3 * 8192 + 777]
        for length in lengths {
            for start in [0, 1, 3] {
                let piece = Array(bytes[start..<(start + length)])
                let expected = Self.bitAtATime(piece)
                #expect(CRC32C.checksum(piece) == expected, "\(length) bytes from \(start)")
                #expect(CRC32C.bytewiseChecksum(piece) == expected, "table: \(length) bytes from \(start)")
            }
        }
    }

    /// CRC-32C from its definition: reflected, polynomial 0x82F63B78, inverted before and after.
    static func bitAtATime(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = ~0
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1 }
        }
        return ~crc
    }
}
