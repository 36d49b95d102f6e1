import Broker
import SluiceModel

/// Once per simulated second: series samples, lag samples, and the broker-wide conservation check.
extension Simulation {
    /// Queue conservation reads a full broker snapshot, so it runs on this period and at the end.
    static let conservationPeriod: Int64 = 60

    func secondTick() {
        series.closeSecond(totalProduced: totalProduced)
        for id in consumers.instanceIDs {
            consumers[id].recent.close(processed: consumers[id].processedThisSecond, failed: consumers[id].failedThisSecond)
            consumers[id].processedThisSecond = 0
            consumers[id].failedThisSecond = 0
        }
        sampleLags()
        if (now / NanosPerUnit.second) % Self.conservationPeriod == 0 { checkQueueConservation() }
        checkHeldLimit()
        lessonSecond()
        onSecond?(self)
        if now + NanosPerUnit.second <= endTime { schedule(.secondTick, at: now + NanosPerUnit.second) }
    }

    /// Everything producers and commands got accepted by the broker.
    var totalProduced: Int64 { producers.all.reduce(external.produced) { $0 + $1.produced } + patterns.produced }

    /// Records each group's lag and the total, keeping their maxima after the warm-up.
    func sampleLags() {
        guard window.isOpen else { return }
        for id in consumers.streamIDs { consumers[id].maxLag = max(consumers[id].maxLag, consumers[id].group.totalLag) }
        window.sampleTotalLag(currentTotalLag)
    }

    /// The lag of every stream consumer's group, summed.
    var currentTotalLag: Int64 {
        consumers.allStreams.reduce(0) { $0 + $1.group.totalLag }
    }

    /// Every message a queue took in is acked, dead-lettered, dropped or still held; and the broker took in
    /// exactly what the simulation offered it.
    func checkQueueConservation() {
        let snapshot = broker.snapshot()
        for stats in queues.all where !stats.redriven {
            guard let queue = snapshot.queue(stats.name) else { continue }
            let counters = queue.counters
            let held = Int64(queue.depth)
            let removed = counters.produced - counters.acked - held
            // A message dropped by overflow into a dead-letter queue counts as both dropped and dead-lettered,
            // and once more in `droppedToDeadLetter`, so the sum is exact.
            if removed != counters.deadLettered + counters.dropped - counters.droppedToDeadLetter {
                fail("conservation", "\(stats.name): produced \(counters.produced) != acked \(counters.acked) + held \(held) + dead-lettered \(counters.deadLettered) + dropped \(counters.dropped)")
                return
            }
            let isDeadLetterQueue = queue.isDeadLetterQueue
            if !isDeadLetterQueue && stats.enqueued != counters.produced {
                fail("conservation", "\(stats.name): the simulation enqueued \(stats.enqueued) but the broker counts \(counters.produced)")
                return
            }
        }
        // What real Kafka clients appended (a run served with --kafka) is theirs, not the simulation's.
        for (name, produced) in streamAppends.sorted {
            // Every stream the simulation appends to is the scenario's: the broker refusing it is the model's mistake.
            guard let topic = brokerCall("stream \(name) for conservation", { () throws(BrokerError) in try broker.topic(name) }) else { return }
            guard topic.producedExceptByClients != produced else { continue }
            fail("conservation", "\(name): the simulation appended \(produced) records but the broker counts \(topic.producedExceptByClients)")
            return
        }
    }
}
