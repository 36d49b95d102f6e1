import Broker
import SluiceModel

extension Simulation {
    func scheduleNextArrival(producer id: ProducerID) {
        let rate = producers[id].rate
        guard let next = producers[id].spec.arrivals.nextArrival(after: now, rate: rate, using: &producers[id].random),
              next <= endTime else { return }
        schedule(.arrival(producer: id, generation: producers[id].generation), at: next)
    }

    func arrival(producer id: ProducerID, generation: Int) {
        guard generation == producers[id].generation else { return }
        publishNext(producer: id, poison: false)
        scheduleNextArrival(producer: id)
    }

    /// Offers the producer's next message to its target.
    func publishNext(producer id: ProducerID, poison: Bool) {
        let message = producers[id].nextMessage(poison: poison)
        producers[id].offered += 1
        let key = message.key.map { Array($0.utf8) }
        let messageId = producers[id].spec.messageIds ? message.id : nil
        switch producers[id].target {
        case .stream(let topic):
            let record = ProducerRecord(key: key, value: message.value, headers: message.headers, messageId: messageId)
            do throws(BrokerError) {
                switch try topic.produce(record) {
                case .appended(let partition, _):
                    producers[id].produced += 1
                    noteAppended(topic: topic.name, partition: partition)
                case .duplicate:
                    producers[id].deduplicated += 1
                }
            } catch where error.isRejectedAppend {
                producers[id].rejected += 1
                noteRejection(producer: id, error)
            } catch {
                fail("broker accepts the simulation's calls", "\(producers[id].spec.name) appends to \(topic.name): \(error)")
            }
        case .queue(let queue):
            let queued = QueueMessage(value: message.value, key: key, headers: message.headers, messageId: messageId)
            queues[queueID(of: queue)].offered += 1
            offer(queued, producer: id, to: queue)
        }
        checkProducerConservation(id)
    }

    /// A record landed: the members owning its partition should poll.
    func noteAppended(topic name: String, partition: Int) {
        streamAppends.note(name)
        for stream in consumers.streams(reading: name) {
            guard let owner = consumers[stream].owners[partition] else { continue }
            requestPoll(instance: owner)
            consumers.markDirty(consumers[stream].consumer)
        }
    }

    /// Enqueues one message for a producer; a blocked message waits in the producer, in order.
    func offer(_ message: QueueMessage, producer id: ProducerID, to queue: WorkQueue) {
        guard !attemptEnqueue(message, producer: id, to: queue) else { return }
        if producers[id].blocked.isEmpty {
            producers.noteBlocked(id)
            record(.warning, "\(producers[id].spec.name) blocked: \(queue.name) is full")
        }
        producers[id].blocked.append(message)
    }

    /// One enqueue attempt; false when the queue is full and blocks (nothing was stored).
    private func attemptEnqueue(_ message: QueueMessage, producer id: ProducerID, to queue: WorkQueue) -> Bool {
        let stats = queueID(of: queue)
        touch(queue: stats)
        markConsumersDirty(source: queue.name)
        do throws(BrokerError) {
            switch try queue.enqueue(message) {
            case .enqueued:
                producers[id].produced += 1
                queues[stats].enqueued += 1
            case .enqueuedDroppingOldest:
                producers[id].produced += 1
                queues[stats].enqueued += 1
                queues[stats].dropped += 1
            case .duplicate:
                producers[id].deduplicated += 1
            case .blocked:
                return false
            }
        } catch where error.isRejectedAppend {
            producers[id].rejected += 1
            queues[stats].rejected += 1
            noteRejection(producer: id, error)
        } catch {
            fail("broker accepts the simulation's calls", "\(producers[id].spec.name) enqueues to \(queue.name): \(error)")
        }
        return true
    }

    /// Blocked producers try again, oldest message first, until the queue blocks again.
    func retryBlockedProducers() {
        for id in producers.takeBlocked() {
            guard case .queue(let queue) = producers[id].target else {
                fail("only a queue blocks its producers", "\(producers[id].spec.name) blocked on a stream")
                continue
            }
            while let message = producers[id].blocked.first, attemptEnqueue(message, producer: id, to: queue) {
                _ = producers[id].blocked.popFirst()
            }
            if producers[id].blocked.isEmpty {
                record(.info, "\(producers[id].spec.name) unblocked")
            } else {
                producers.noteBlocked(id)
            }
        }
    }

    private func noteRejection(producer id: ProducerID, _ error: BrokerError) {
        // One log line per producer per simulated second is enough to see a rejection storm.
        let second = now / NanosPerUnit.second
        guard producers[id].lastRejectionLogged != second else { return }
        producers[id].lastRejectionLogged = second
        record(.warning, "\(producers[id].spec.name): rejected: \(error)")
    }

    func changeBaseRate(producer id: ProducerID, rate: Double) {
        producers[id].baseRate = rate
        restartArrivals(producer: id)
        record(.info, "\(producers[id].spec.name) rate now \(JSONText.rounded(producers[id].rate, digits: 2))/s")
    }

    func setRateMultiplier(producer id: ProducerID, multiplier: Double) {
        producers[id].multiplier = multiplier
        restartArrivals(producer: id)
        record(.fault, "\(producers[id].spec.name) rate x\(JSONText.rounded(multiplier, digits: 2)) = \(JSONText.rounded(producers[id].rate, digits: 2))/s")
    }

    /// Arrival draws are memoryless, so dropping the pending one and drawing at the new rate is unbiased.
    private func restartArrivals(producer id: ProducerID) {
        producers[id].generation += 1
        scheduleNextArrival(producer: id)
    }

    private func checkProducerConservation(_ id: ProducerID) {
        let producer = producers[id]
        let accounted = producer.produced + producer.rejected + producer.deduplicated + Int64(producer.blocked.count)
        if producer.offered != accounted {
            fail("conservation", "\(producer.spec.name) offered \(producer.offered) but produced \(producer.produced) + rejected \(producer.rejected) + deduplicated \(producer.deduplicated) + blocked \(producer.blocked.count)")
        }
    }
}
