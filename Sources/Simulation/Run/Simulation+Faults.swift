import Broker
import SluiceModel

/// Scheduled faults, and the same actions as the dashboard's commands use them.
extension Simulation {
    func applyFault(_ fault: FaultSpec, index: Int) {
        record(.fault, "fault: \(fault.action.rawValue) \(fault.target)\(fault.length.map { " for \(DurationText.format($0))" } ?? "")")
        switch fault.action {
        case .resume where consumers.id(named: fault.target) == nil && downstreams.id(named: fault.target) != nil:
            // `resume` on a downstream ends an outage started without `for`.
            if let downstream = downstreams.id(named: fault.target) { changeOutage(downstream: downstream, down: false, manual: true) }
        case .pause, .resume:
            setPaused(target: fault.target, fault.action == .pause)
        case .crash:
            for instance in instanceIDs(target: fault.target) { crash(instance: instance) }
        case .restart:
            for instance in instanceIDs(target: fault.target) { restart(instance: instance) }
        case .outage:
            if let downstream = downstreams.id(named: fault.target) {
                changeOutage(downstream: downstream, down: true, manual: fault.length == nil)
            }
        case .rate:
            if let producer = producers.id(named: fault.target) { setRateMultiplier(producer: producer, multiplier: fault.value ?? 1) }
            else if let pattern = patterns.id(named: fault.target) {
                setRateMultiplier(pattern: pattern, multiplier: fault.value ?? 1)
            }
        case .poison:
            sendPoison(target: fault.target, count: Int(fault.value ?? 1))
        case .scale:
            if let consumer = consumers.id(named: fault.target) { scale(consumer: consumer, to: Int(fault.value ?? 1)) }
        }
        if let length = fault.length { schedule(.faultEnd(index: index), at: now + length) }
    }

    func undoFault(_ fault: FaultSpec) {
        switch fault.action {
        case .pause: setPaused(target: fault.target, false)
        case .crash: for instance in instanceIDs(target: fault.target) { restart(instance: instance) }
        case .outage: if let downstream = downstreams.id(named: fault.target) { changeOutage(downstream: downstream, down: false, manual: false) }
        case .rate:
            if let producer = producers.id(named: fault.target) { setRateMultiplier(producer: producer, multiplier: 1) }
            else if let pattern = patterns.id(named: fault.target) { setRateMultiplier(pattern: pattern, multiplier: 1) }
        case .resume, .restart, .poison, .scale: break
        }
    }

    /// Pauses or resumes one instance (`billing/2`), or a whole consumer (`billing`).
    func setPaused(target: String, _ paused: Bool) {
        if let instance = consumers.instance(named: target) {
            setPaused(instance: instance, paused)
        } else if let consumer = consumers.id(named: target) {
            setPaused(consumer: consumer, paused)
        }
    }

    /// Sends poison messages: through a producer (its keys, its target) or straight to a stream or
    /// queue, where each outcome says where the message landed (`published to orders[2] at offset 17`).
    @discardableResult
    func sendPoison(target: String, count: Int) -> [CommandOutcome] {
        if let producer = producers.id(named: target) {
            for _ in 0..<count { publishNext(producer: producer, poison: true) }
            return []
        }
        return (0..<count).map { number in
            publishExternal(target: target, key: nil, value: Array(#"{"poison":true,"n":\#(number)}"#.utf8),
                            headers: [PoisonMark.header], messageId: nil)
        }
    }

    /// Publishes one message that no producer model owns (the dashboard's publish form, poison to a target).
    func publishExternal(target: String, key: [UInt8]?, value: [UInt8], headers: [Header], messageId: String?) -> CommandOutcome {
        external.offered += 1
        do throws(BrokerError) {
            // Asks whether a stream of that name exists (a command may have created one); refusal means no.
            if scenario.hasStream(target) || (try? broker.topic(target)) != nil {
                let topic = try broker.topic(target)
                switch try topic.produce(ProducerRecord(key: key, value: value, headers: headers, messageId: messageId)) {
                case .appended(let partition, let offset):
                    external.produced += 1
                    noteAppended(topic: target, partition: partition)
                    return .done("published to \(target)[\(partition)] at offset \(offset)")
                case .duplicate(let partition, let offset):
                    external.deduplicated += 1
                    return .done("duplicate of \(target)[\(partition)]@\(offset): not stored again")
                }
            }
            let queue = try broker.queue(target)
            let stats = queueID(of: queue)
            queues[stats].offered += 1
            defer {
                touch(queue: stats)
                markConsumersDirty(source: target)
            }
            switch try queue.enqueue(QueueMessage(value: value, key: key, headers: headers, messageId: messageId)) {
            case .enqueued(let sequence), .enqueuedDroppingOldest(let sequence, _):
                external.produced += 1
                queues[stats].enqueued += 1
                return .done("enqueued to \(target) as #\(sequence)")
            case .duplicate(let original):
                external.deduplicated += 1
                return .done("duplicate of #\(original): not enqueued again")
            case .blocked:
                external.rejected += 1
                queues[stats].rejected += 1
                return .failed("\(target) is full")
            }
        } catch {
            external.rejected += 1
            return .failed("\(error)")
        }
    }

}

/// Messages published from outside the producer models (commands, poison sent straight to a target).
struct ExternalPublishes {
    var offered: Int64 = 0
    var produced: Int64 = 0
    var rejected: Int64 = 0
    var deduplicated: Int64 = 0
}
