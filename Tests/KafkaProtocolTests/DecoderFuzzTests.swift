import KafkaProtocol
import SluiceModel
import Testing

/// Random and mutated frames fed to the decoders: every one must come back as a value or an error, quickly.
@Suite struct DecoderFuzzTests {
    /// Changes a few bytes of `frame`: flips, big length-like values, cuts and repeats.
    static func mutate(_ frame: [UInt8], using random: inout SeededGenerator) -> [UInt8] {
        var bytes = frame
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            guard !bytes.isEmpty else { break }
            let at = Int.random(in: 0..<bytes.count, using: &random)
            switch Int.random(in: 0..<5, using: &random) {
            case 0: bytes[at] ^= UInt8.random(in: 1...255, using: &random)
            case 1: bytes.replaceSubrange(at..<min(at + 4, bytes.count), with: [0x7F, 0xFF, 0xFF, 0xFF])
            case 2: bytes.replaceSubrange(at..<min(at + 5, bytes.count), with: [0xFF, 0xFF, 0xFF, 0xFF, 0x0F])
            case 3: bytes.removeSubrange(at...)
            default: bytes.insert(contentsOf: bytes[at...].prefix(16), at: at)
            }
        }
        return bytes
    }

    @Test func mutatedCapturedRequestsNeverCrashTheRequestDecoder() throws {
        let seeds = try Fixture.all().filter(\.isRequest).map(\.bytes)
        var random = SeededGenerator(seed: 12)
        var decoded = 0, refused = 0
        for _ in 0..<20_000 {
            let frame = Self.mutate(seeds.randomElement(using: &random)!, using: &random)
            do {
                _ = try KafkaFrame.decodeRequest(frame)
                decoded += 1
            } catch {
                refused += 1
            }
        }
        #expect(refused > 10_000, "most mutations break the frame")
        #expect(decoded + refused == 20_000)
    }

    @Test func randomBytesBehindAValidHeaderNeverCrashAnyBodyDecoder() {
        var random = SeededGenerator(seed: 99)
        for samples in allMessageSamples {
            for version in samples.versions {
                for _ in 0..<40 {
                    let count = Int.random(in: 0..<64, using: &random)
                    let body = (0..<count).map { _ in UInt8.random(in: 0...255, using: &random) }
                    _ = try? samples.decode(body, version: version)
                }
            }
        }
    }

    @Test func mutatedSamplesAndResponsesNeverCrashTheirDecoders() throws {
        var random = SeededGenerator(seed: 7)
        for samples in allMessageSamples {
            for version in samples.versions {
                let bytes = try samples.sampleBytes(version: version, nulls: false)
                for _ in 0..<20 {
                    _ = try? samples.decode(Self.mutate(bytes, using: &random), version: version)
                }
            }
        }
        for fixture in try Fixture.all() where !fixture.isRequest {
            guard let api = fixture.api else { continue }
            for _ in 0..<200 {
                _ = try? KafkaFrame.decodeResponse(Self.mutate(fixture.bytes, using: &random), api: api, version: fixture.version)
            }
        }
    }

    @Test func mutatedRecordBatchesAreRefusedOrDecodedNeverCrash() throws {
        var random = SeededGenerator(seed: 3)
        var batches: [[UInt8]] = []
        for codec in KafkaCompression.allCases {
            let records = (0..<20).map { KafkaRecord(offsetDelta: Int32($0), key: [UInt8($0)], value: Array("value \($0)".utf8)) }
            batches.append(try KafkaRecordBatch(baseTimestamp: 5, records: records, compression: codec).encoded())
        }
        for _ in 0..<5_000 {
            let bytes = Self.mutate(batches.randomElement(using: &random)!, using: &random)
            _ = try? KafkaRecordBatch.decodeAll(bytes, decompressedLimit: 1 << 20)
        }
    }

    @Test func aHugeCountOrLengthIsRefusedBeforeAnythingIsAllocated() {
        // MetadataRequest v12: a compact array of topics claiming 2^32-2 elements, in a frame of a few bytes.
        #expect(throws: KafkaDecodingError.invalidLength(4_294_967_294)) {
            _ = try MetadataRequest(bytes: [0xFF, 0xFF, 0xFF, 0xFF, 0x0F], version: 12)
        }
        // ProduceRequest v3: a transactional id of 32767 bytes in a 2-byte frame.
        #expect(throws: KafkaDecodingError.invalidLength(32767)) {
            _ = try ProduceRequest(bytes: [0x7F, 0xFF], version: 3)
        }
        // A record batch whose count says two billion records, with its CRC made right again.
        var batch = (try? KafkaRecordBatch(baseTimestamp: 0, records: []).encoded()) ?? []
        batch.replaceSubrange(57..<61, with: [0x7F, 0xFF, 0xFF, 0xFF])
        let crc = CRC32C.checksum(batch[21...])
        batch.replaceSubrange(17..<21, with: (0..<4).map { UInt8(truncatingIfNeeded: crc >> (24 - 8 * $0)) })
        #expect(throws: KafkaRecordBatch.DecodingError.malformed(.invalidLength(2_147_483_647))) {
            _ = try KafkaRecordBatch.decodeAll(batch)
        }
    }
}
