import Broker
import SluiceModel

extension Simulation {
    /// Creates the streams, queues, groups, instances, producers and downstreams, and schedules what the
    /// scenario fixes in advance (arrivals, rate changes, faults, outages, ticks).
    func build() throws(BrokerError) {
        for stream in scenario.streams {
            let retention = Retention(maxMessages: stream.retention.maxMessages, maxBytes: stream.retention.maxBytes,
                                      maxAge: stream.retention.maxAge, discard: stream.retention.discard)
            try broker.createTopic(stream.name, partitions: stream.partitions, retention: retention,
                                   dedupeWindow: stream.dedupeWindow)
            streamAppends.start(stream.name)
        }
        // A queue another one dead-letters into is created first, with its own rules; along a chain
        // (a -> b -> c) that means the end of the chain first. Validation refuses circles.
        let deadLetterNames = Set(scenario.queues.compactMap(\.deadLetter))
        let ordered = scenario.queues.filter { deadLetterNames.contains($0.name) } + scenario.queues.filter { !deadLetterNames.contains($0.name) }
        var created: Set<String> = []
        func create(_ queue: QueueSpec) throws(BrokerError) {
            guard created.insert(queue.name).inserted else { return }
            if let target = queue.deadLetter, let next = scenario.queues.first(where: { $0.name == target }) { try create(next) }
            let config = QueueConfig(ackDeadline: queue.ackDeadline, maxDeliveries: queue.maxDeliveries,
                                     deadLetterQueue: queue.deadLetter, retry: queue.retry, capacity: queue.capacity,
                                     overflow: queue.overflow, dedupeWindow: queue.dedupeWindow ?? 2 * 60 * NanosPerUnit.second)
            try broker.createQueue(queue.name, config: config)
        }
        for queue in ordered { try create(queue) }
        for queue in broker.queues { queues.add(queue) }
        downstreams = Downstreams(scenario.downstreams)

        for spec in scenario.producers {
            let target: MessageTarget = scenario.hasStream(spec.target) ? .stream(try broker.topic(spec.target))
                : .queue(try broker.queue(spec.target))
            producers.add(ProducerState(spec: spec, target: target, random: random.fork()))
        }
        for spec in scenario.consumers { try addConsumer(spec) }
        try buildPatterns()

        for id in producers.ids {
            scheduleNextArrival(producer: id)
            for change in producers[id].spec.schedule {
                schedule(.scheduledRate(producer: id, rate: change.rate), at: change.at)
            }
        }
        for (index, fault) in scenario.faults.enumerated() { schedule(.fault(index: index), at: fault.at) }
        for id in downstreams.ids {
            for outage in downstreams[id].spec.outages {
                schedule(.outage(downstream: id, down: true), at: outage.at)
                schedule(.outage(downstream: id, down: false), at: min(outage.at, .farFuture) + min(outage.length, .farFuture))
            }
        }
        schedule(.secondTick, at: NanosPerUnit.second)
        if !window.isOpen { schedule(.warmupEnd, at: window.start) }
    }

    private func addConsumer(_ spec: ConsumerSpec) throws(BrokerError) {
        let downstream = spec.downstream.flatMap(downstreams.id(named:))
        let id: ConsumerID
        if scenario.hasStream(spec.source) {
            let topic = try broker.topic(spec.source)
            // Periodic commits are the simulation's own scheduled events, never the broker's poll-time auto-commit.
            let group = try broker.createGroup(spec.group ?? spec.name, topic: spec.source, strategy: .range,
                                               start: spec.startLatest ? .latest : .earliest)
            var startOffsets: [Int64] = []
            for partition in 0..<topic.partitionCount { startOffsets.append(try group.committedOffset(partition: partition)) }
            id = consumers.addStream(spec, group: group, startOffsets: startOffsets, random: random.fork(), downstream: downstream)
        } else {
            let queue = try broker.queue(spec.source)
            id = consumers.addQueue(spec, queue: queue, stats: queueID(of: queue), random: random.fork(), downstream: downstream)
        }
        startInstances(of: id, count: spec.instances)
        if let stream = consumers[id].source.stream { schedulePeriodicCommit(stream: stream) }
    }
}
