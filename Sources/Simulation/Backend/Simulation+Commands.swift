import Broker
public import SluiceModel

/// What the dashboard (or a test) can do to a running simulation, each answered with a one-line outcome.
extension Simulation {
    /// Applies one system command (time commands belong to the backend that drives the clock).
    public func perform(_ command: Command) -> CommandOutcome {
        defer { afterEvent() }
        switch command {
        case .publish(let target, let key, let value, let headers, let messageId):
            return publishExternal(target: target, key: key.map { Array($0.utf8) }, value: value, headers: headers,
                                   messageId: messageId)
        case .pause(let source, let member): return setPaused(source, member: member, true)
        case .resume(let source, let member): return setPaused(source, member: member, false)
        case .seek(let group, let partition, let position): return seek(group: group, partition: partition, to: position)
        case .skip(let group, let partition, let offset): return skip(group: group, partition: partition, offset: offset)
        case .addInstance(let name):
            guard let consumer = consumers.id(named: name) else { return .failed("no consumer named \(name)") }
            let live = consumers.liveInstances(of: consumer).count
            scale(consumer: consumer, to: live + 1)
            return .done("\(name) scaled to \(live + 1) instances")
        case .removeInstance(let name):
            guard let consumer = consumers.id(named: name) else { return .failed("no consumer named \(name)") }
            let live = consumers.liveInstances(of: consumer).count
            guard live > 0 else { return .failed("\(name) has no instance left to remove") }
            scale(consumer: consumer, to: live - 1)
            return .done("\(name) scaled to \(live - 1) instances")
        case .crash(let id):
            guard let instance = consumers.instance(named: id) else { return .failed("no instance \(id)") }
            guard consumers[instance].life != .crashed else { return .failed("\(id) is already down") }
            crash(instance: instance)
            return .done("\(id) crashed")
        case .restart(let id):
            guard let instance = consumers.instance(named: id) else { return .failed("no instance \(id)") }
            guard consumers[instance].life == .crashed else { return .failed("\(id) is not down") }
            restart(instance: instance)
            return .done("\(id) restarted")
        case .injectPoison(let target):
            guard producers.id(named: target) != nil || scenarioHasTarget(target) else {
                return .failed("no producer, stream or queue named \(target)")
            }
            switch sendPoison(target: target, count: 1).first {
            case .done(let landed)?:
                record(.fault, "poison message " + landed)
                return .done("poison message " + landed)
            case .failed(let why)?: return .failed("poison message refused: " + why)
            case nil: return .done("poison message sent through producer \(target)")
            }
        case .setOutage(let name, let down):
            guard let downstream = downstreams.id(named: name) else { return .failed("no downstream named \(name)") }
            changeOutage(downstream: downstream, down: down, manual: true)
            return .done("\(name) \(down ? "down" : "up")")
        case .setRateMultiplier(let name, let multiplier):
            guard multiplier >= 0, multiplier.isFinite else { return .failed("a rate multiplier is a number >= 0") }
            if let producer = producers.id(named: name) {
                setRateMultiplier(producer: producer, multiplier: multiplier)
            } else if let pattern = patterns.id(named: name) {
                setRateMultiplier(pattern: pattern, multiplier: multiplier)
            } else {
                return .failed("no producer named \(name)")
            }
            return .done("\(name) rate x\(JSONText.rounded(multiplier, digits: 2))")
        case .redrive(let name, let perSecond): return redrive(deadLetterQueue: name, perSecond: perSecond)
        case .purge(let name):
            guard let queue = try? broker.queue(name) else { return .failed("no queue named \(name)") }
            let dropped = queue.purge()
            return .done("purged \(name): \(dropped) waiting message\(dropped == 1 ? "" : "s") dropped")
        case .copyToDeadLetter(let source, let sequence, let destination):
            return copy(source: source, sequence: sequence, to: destination)
        case .claim:
            return .failed(SimulationBackend.claimUnavailable)
        case .setSpeed, .setPaused, .step, .restartRun, .inspect, .openLesson:
            return .failed("time, inspection and opening a lesson are the backend's to handle")
        case .lessonStep(let delta):
            return moveLessonStep(by: delta)
        }
    }

    /// A lookup of a name the user typed: refused means there is no such stream or queue.
    private func scenarioHasTarget(_ name: String) -> Bool {
        (try? broker.topic(name)) != nil || (try? broker.queue(name)) != nil
    }

    private func setPaused(_ source: GroupOrQueue, member: String?, _ paused: Bool) -> CommandOutcome {
        // A queue stands for every consumer reading it; a group has one.
        let readers = consumers.ids.filter { consumers[$0].consumerSource == source }
        guard !readers.isEmpty else { return .failed("no group or queue \(source) with consumers") }
        guard let member else {
            for reader in readers { setPaused(consumer: reader, paused) }
            return .done("\(source) \(paused ? "paused" : "resumed")")
        }
        guard let instance = consumers.instance(named: member), readers.contains(consumers[instance].consumer) else {
            return .failed("\(source) has no member \(member)")
        }
        let before = consumers[instance].life
        setPaused(instance: instance, paused)
        guard consumers[instance].life != before else {
            return .failed("\(member) is \(paused ? "not running" : "not paused")")
        }
        return .done("\(member) \(paused ? "paused" : "resumed")")
    }

    /// Replays a group: the broker moves committed offset and position; what the owners fetched and
    /// have not finished from the moved partitions is dropped (a record retried in place too), and
    /// records skipped forward count as dealt with on purpose, not lost.
    func seek(group: GroupID, partition: PartitionRef?, to position: SeekPosition) -> CommandOutcome {
        guard let stream = consumers.stream(group: group) else { return .failed("no consumer group \(group)") }
        if let partition, partition.topic != group.stream {
            return .failed("\(group) reads \(group.stream ?? "no topic"), not \(partition.topic)")
        }
        return seek(stream: stream, partition: partition?.partition, to: position)
    }

    /// Replays stream consumer `stream`'s group.
    func seek(stream: StreamConsumerID, partition: Int?, to position: SeekPosition) -> CommandOutcome {
        let brokerGroup = consumers[stream].group
        let topic = brokerGroup.topic
        let group = brokerGroup.id
        let partitions = partition.map { [$0] } ?? Array(0..<topic.partitionCount)
        if let partition, !(0..<topic.partitionCount).contains(partition) {
            return .failed("\(group) has no partition \(partition) (it has 0 to \(topic.partitionCount - 1))")
        }
        let before = partitions.map { committed(of: brokerGroup, partition: $0) }
        let count: SeekCount
        do throws(BrokerError) {
            count = try brokerGroup.seek(partition: partition, to: position)
        } catch {
            return .failed("\(error)")
        }
        for (index, moved) in partitions.enumerated() {
            let after = committed(of: brokerGroup, partition: moved)
            if after > before[index] { consumers[stream].accounted[moved].insert(contentsOf: before[index]..<after) }
            consumers[stream].partitionEpochs[moved] += 1
            consumers[stream].lastOffsetByKey[moved].removeAll()
            if let owner = consumers[stream].owners[moved] { dropUnfinished(instance: owner, of: stream, partition: moved) }
        }
        markAllMembersToPoll(consumer: consumers[stream].consumer)
        return .done("\(group): \(count.description)")
    }

    /// Commits a group past the one record its owner is stuck on, counted as skipped; refused when the
    /// group has moved past it already, so a late key press skips nothing else.
    func skip(group: GroupID, partition ref: PartitionRef, offset: Int64) -> CommandOutcome {
        guard let stream = consumers.stream(group: group), ref.topic == consumers[stream].topic.name else {
            return .failed("no consumer group \(group) reading \(ref.topic)")
        }
        let brokerGroup = consumers[stream].group
        let partition = ref.partition
        // Refused for a partition the group does not have: then too nothing is skipped.
        guard let committed = try? brokerGroup.committedOffset(partition: partition), committed == offset else {
            return .failed("\(group) is no longer at p\(partition)@\(offset): nothing skipped")
        }
        let stuck = consumers[stream].owners[partition].flatMap(stuckRecord(of:))
        guard case .done = seek(stream: stream, partition: partition, to: .offset(offset + 1)) else {
            return .failed("\(group) could not move past p\(partition)@\(offset)")
        }
        consumers[stream].skipped += 1
        let what = stuck?.description ?? "p\(partition)@\(offset)"
        let text = "\(group): skipped \(what); committed past it"
        record(.seek, text)
        return .done(text)
    }

    private func redrive(deadLetterQueue name: String, perSecond: Double?) -> CommandOutcome {
        // A lookup of a name the user chose: refused means there is no such queue.
        guard let queue = try? broker.queue(name) else { return .failed("no queue named \(name)") }
        do throws(BrokerError) {
            try queue.redrive(perSecond: perSecond)
        } catch {
            return .failed("\(error)")
        }
        // Redriven messages re-enter their sources unseen by the producers: conservation counts them apart.
        for affected in [name] + queue.deadLetterSources {
            guard let id = queueID(named: affected) else { continue }
            queues[id].redriven = true
            touch(queue: id)
            markConsumersDirty(source: affected)
        }
        return .done("redrive of \(name) started")
    }

    /// Copies one message (a queue's by sequence, or a partition's record by offset) to a queue or stream of
    /// the user's choosing, created as a queue when it does not exist.
    private func copy(source: MessageLocation, sequence: Int64, to destination: String) -> CommandOutcome {
        let found: (value: [UInt8], key: [UInt8]?, headers: [Header], id: String?)?
        // Names, partitions and offsets here come from the user: a refused lookup or read means "no such message".
        switch source {
        case .queue(let name):
            guard let queue = try? broker.queue(name) else { return .failed("no queue named \(name)") }
            found = queue.messages(limit: Int.max).first { $0.sequence == sequence }.map { ($0.value, $0.key, $0.headers, $0.messageId) }
        case .partition(let ref):
            found = (try? broker.topic(ref.topic).read(partition: ref.partition, from: sequence, max: 1))?.first
                .flatMap { $0.offset == sequence ? ($0.value, $0.key, $0.headers, $0.messageId) : nil }
        }
        guard let found else { return .failed("\(source) has no message \(sequence)") }
        if !scenarioHasTarget(destination) {
            do throws(BrokerError) {
                queues.add(try broker.createQueue(destination))
            } catch {
                return .failed("\(error)")
            }
        }
        let headers = found.headers + [Header("x-sluice-copied-from", Array("\(source)#\(sequence)".utf8))]
        return publishExternal(target: destination, key: found.key, value: found.value, headers: headers, messageId: nil)
    }

    /// What a seek would do to the group: records handed out again and records skipped.
    /// Nil when the broker refuses the question (an unknown group or partition, a time before the log):
    /// the dashboard then shows no count.
    public func seekCount(group: GroupID, partition: PartitionRef?, to position: SeekPosition) -> SeekCount? {
        guard partition == nil || partition?.topic == group.stream else { return nil }
        return try? broker.seekCount(group: group, partition: partition?.partition, to: position)
    }
}
