import Broker
import SluiceModel

extension Simulation {
    func scheduleNextArrival(producer index: Int) {
        let rate = producers[index].rate
        guard let next = producers[index].spec.arrivals.nextArrival(after: now, rate: rate, using: &producers[index].random),
              next <= endTime else { return }
        schedule(.arrival(producer: index, generation: producers[index].generation), at: next)
    }

    func arrival(producer index: Int, generation: Int) {
        guard generation == producers[index].generation else { return }
        publishNext(producer: index, poison: false)
        scheduleNextArrival(producer: index)
    }

    /// Offers the producer's next message to its target.
    func publishNext(producer index: Int, poison: Bool) {
        let message = producers[index].nextMessage(poison: poison)
        producers[index].offered += 1
        let key = message.key.map { Array($0.utf8) }
        let id = producers[index].spec.messageIds ? message.id : nil
        switch producers[index].target {
        case .stream(let topic):
            let record = ProducerRecord(key: key, value: message.value, headers: message.headers, messageId: id)
            do throws(BrokerError) {
                switch try topic.produce(record) {
                case .appended(let partition, _):
                    producers[index].produced += 1
                    noteAppended(topic: topic.name, partition: partition)
                case .duplicate:
                    producers[index].deduplicated += 1
                }
            } catch where error.isRejectedAppend {
                producers[index].rejected += 1
                noteRejection(producer: index, error)
            } catch {
                fail("broker accepts the simulation's calls", "\(producers[index].spec.name) appends to \(topic.name): \(error)")
            }
        case .queue(let queue):
            let queued = QueueMessage(value: message.value, key: key, headers: message.headers, messageId: id)
            queues[queueID(of: queue)].offered += 1
            offer(queued, producer: index, to: queue)
        }
        checkProducerConservation(index)
    }

    /// A record landed: the members owning its partition should poll.
    func noteAppended(topic name: String, partition: Int) {
        topicProduced[name, default: 0] += 1
        for consumer in consumers.indices where consumers[consumer].spec.source == name {
            guard let owner = consumers[consumer].owners[partition] else { continue }
            requestPoll(instance: owner)
            markDirty(consumer: consumer)
        }
    }

    /// Enqueues one message for a producer; a blocked message waits in the producer, in order.
    func offer(_ message: QueueMessage, producer index: Int, to queue: WorkQueue) {
        guard !attemptEnqueue(message, producer: index, to: queue) else { return }
        if producers[index].blocked.isEmpty {
            blockedProducers.append(index)
            record(.warning, "\(producers[index].spec.name) blocked: \(queue.name) is full")
        }
        producers[index].blocked.append(message)
    }

    /// One enqueue attempt; false when the queue is full and blocks (nothing was stored).
    private func attemptEnqueue(_ message: QueueMessage, producer index: Int, to queue: WorkQueue) -> Bool {
        let stats = queueID(of: queue)
        touch(queue: stats)
        markConsumersDirty(source: queue.name)
        do throws(BrokerError) {
            switch try queue.enqueue(message) {
            case .enqueued:
                producers[index].produced += 1
                queues[stats].enqueued += 1
            case .enqueuedDroppingOldest:
                producers[index].produced += 1
                queues[stats].enqueued += 1
                queues[stats].dropped += 1
            case .duplicate:
                producers[index].deduplicated += 1
            case .blocked:
                return false
            }
        } catch where error.isRejectedAppend {
            producers[index].rejected += 1
            queues[stats].rejected += 1
            noteRejection(producer: index, error)
        } catch {
            fail("broker accepts the simulation's calls", "\(producers[index].spec.name) enqueues to \(queue.name): \(error)")
        }
        return true
    }

    /// Blocked producers try again, oldest message first, until the queue blocks again.
    func retryBlockedProducers() {
        var stillBlocked: [Int] = []
        for index in blockedProducers {
            guard case .queue(let queue) = producers[index].target else { continue }
            while let message = producers[index].blocked.first, attemptEnqueue(message, producer: index, to: queue) {
                _ = producers[index].blocked.popFirst()
            }
            if producers[index].blocked.isEmpty {
                record(.info, "\(producers[index].spec.name) unblocked")
            } else {
                stillBlocked.append(index)
            }
        }
        blockedProducers = stillBlocked
    }

    private func noteRejection(producer index: Int, _ error: BrokerError) {
        // One log line per producer per simulated second is enough to see a rejection storm.
        let second = now / NanosPerUnit.second
        guard producers[index].lastRejectionLogged != second else { return }
        producers[index].lastRejectionLogged = second
        record(.warning, "\(producers[index].spec.name): rejected: \(error)")
    }

    func changeBaseRate(producer index: Int, rate: Double) {
        producers[index].baseRate = rate
        restartArrivals(producer: index)
        record(.info, "\(producers[index].spec.name) rate now \(JSONText.rounded(producers[index].rate, digits: 2))/s")
    }

    func setRateMultiplier(producer index: Int, multiplier: Double) {
        producers[index].multiplier = multiplier
        restartArrivals(producer: index)
        record(.fault, "\(producers[index].spec.name) rate x\(JSONText.rounded(multiplier, digits: 2)) = \(JSONText.rounded(producers[index].rate, digits: 2))/s")
    }

    /// Arrival draws are memoryless, so dropping the pending one and drawing at the new rate is unbiased.
    private func restartArrivals(producer index: Int) {
        producers[index].generation += 1
        scheduleNextArrival(producer: index)
    }

    private func checkProducerConservation(_ index: Int) {
        let producer = producers[index]
        let accounted = producer.produced + producer.rejected + producer.deduplicated + Int64(producer.blocked.count)
        if producer.offered != accounted {
            fail("conservation", "\(producer.spec.name) offered \(producer.offered) but produced \(producer.produced) + rejected \(producer.rejected) + deduplicated \(producer.deduplicated) + blocked \(producer.blocked.count)")
        }
    }
}
