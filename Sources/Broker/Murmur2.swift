/// Kafka's murmur2 hash, exactly as `org.apache.kafka.common.utils.Utils.murmur2` computes it.
public func kafkaMurmur2<Bytes: Collection<UInt8>>(_ data: Bytes) -> UInt32 {
    let seed: UInt32 = 0x9747_b28c
    let m: UInt32 = 0x5bd1_e995
    let bytes = Array(data)
    let length = bytes.count
    var h = seed ^ UInt32(truncatingIfNeeded: length)
    let wholeWords = length / 4
    for word in 0..<wholeWords {
        let i = word * 4
        var k = UInt32(bytes[i]) | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2]) << 16 | UInt32(bytes[i + 3]) << 24
        k &*= m
        k ^= k >> 24
        k &*= m
        h &*= m
        h ^= k
    }
    // Java's switch falls through from 3 to 2 to 1, and only the `case 1` arm multiplies.
    let tail = length & ~3
    let remainder = length % 4
    if remainder >= 3 { h ^= UInt32(bytes[tail + 2]) << 16 }
    if remainder >= 2 { h ^= UInt32(bytes[tail + 1]) << 8 }
    if remainder >= 1 {
        h ^= UInt32(bytes[tail])
        h &*= m
    }
    h ^= h >> 13
    h &*= m
    h ^= h >> 15
    return h
}

/// The partition Kafka's Java producer picks for a keyed record: `(murmur2(key) & 0x7fffffff) % n`.
public func kafkaPartition<Bytes: Collection<UInt8>>(forKey key: Bytes, partitionCount: Int) -> Int {
    Int(kafkaMurmur2(key) & 0x7fff_ffff) % partitionCount
}
