import Broker
import Testing

@Suite struct Murmur2Tests {
    @Test func matchesTheReferenceHashesOfKafkasJavaClient() {
        #expect(kafkaMurmur2(bytes("kafka")) == 0xd067_cf64)
        #expect(kafkaMurmur2([UInt8]()) == 0x106e_08d9)
    }

    /// Kafka's UtilsTest.testMurmur2 vectors (signed ints in Java), covering every tail length.
    @Test(arguments: [
        ("21", Int32(-973_932_308)),
        ("foobar", -790_332_482),
        ("a-little-bit-long-string", -985_981_536),
        ("a-little-bit-longer-string", -1_486_304_829),
        ("lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", -58_897_971),
        ("abc", 479_470_107),
    ])
    func matchesKafkasUtilsTestVectors(key: String, expected: Int32) {
        #expect(Int32(bitPattern: kafkaMurmur2(bytes(key))) == expected)
    }

    @Test func partitionIsThePositiveHashModuloThePartitionCount() {
        // toPositive(-790332482) = 1357151166; 1357151166 % 10 = 6.
        #expect(kafkaPartition(forKey: bytes("foobar"), partitionCount: 10) == 6)
        #expect(kafkaPartition(forKey: bytes("kafka"), partitionCount: 7) == Int(0xd067_cf64 & 0x7fff_ffff) % 7)
    }
}
