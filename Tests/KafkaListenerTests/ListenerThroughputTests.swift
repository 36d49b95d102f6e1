import Broker
import KafkaListener
import SluiceModel
import Testing

/// The header's rate history of a served broker keeps one sample per wall second, however often the screen asks.
@Suite struct ListenerThroughputTests {
    @Test func theHistoryTakesOneSampleASecondAndTheRateIsAlwaysTheLatest() throws {
        let second = NanosPerUnit.second
        let served = try ManualClockServe()
        defer { served.listener.stop() }
        let (clock, broker, backend) = (served.clock, served.broker, served.backend)
        let topic = try broker.createTopic("orders", partitions: 1)
        var samples: [Int] = []
        // Ten frames a second for three seconds, a record produced before each frame.
        for frame in 0..<30 {
            try topic.produce(ProducerRecord(value: Array("r\(frame)".utf8)))
            let throughput = backend.snapshot().throughput
            samples.append(throughput.produced.samples.count)
            #expect(throughput.producedPerSecond == broker.snapshot().producedPerSecond, "frame \(frame) shows the rate now")
            clock.advance(by: second / 10)
        }
        #expect(samples.first == 1)
        #expect(samples.last == 3, "three seconds crossed, three samples: \(samples)")
        #expect(samples == samples.sorted(), "a sample is never dropped within two minutes")
    }
}
