import Broker
import SluiceModel
import Testing

@Suite struct LargeRecordTests {
    /// Segments sized by entry count alone would reserve 4096 × 1 MiB = 4 GiB for the third segment, past
    /// what a UInt32 record position can address; the arena is capped and the entry count shrinks instead.
    @Test func megabyteRecordsKeepEachSegmentArenaBounded() throws {
        let broker = Broker(clock: ManualClock(now: 0), randomSeed: 1)
        let topic = try broker.createTopic("big", partitions: 1)
        let value = [UInt8](repeating: 7, count: 1 << 20)
        for _ in 0..<3 { try topic.produce(ProducerRecord(value: value)) }
        #expect(topic.allocatedBytes < 600 * (1 << 20))
        #expect(try topic.read(partition: 0, from: 2, max: 1).first?.value.count == 1 << 20)
    }
}
