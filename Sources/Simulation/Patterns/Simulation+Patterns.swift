import Broker
import SluiceModel

/// Pattern models: outbox against dual write, sagas with compensation, CDC and event sourcing.
extension Simulation {
    /// The outbox relay and the projections' readers run on this period.
    static let patternTick: Nanos = 100 * NanosPerUnit.millisecond
    /// Mean duration of one saga step or compensation.
    static let sagaStepMean: Nanos = 50 * NanosPerUnit.millisecond
    /// CDC rows and event-sourced accounts.
    static let patternKeys = 100
    private static let tickOperation: Int64 = -1

    func buildPatterns() throws(BrokerError) {
        for spec in scenario.patterns {
            var state = PatternState(spec: spec, topic: try broker.topic(spec.target), random: random.fork())
            switch spec.kind {
            case .cdc:
                state.projection = StreamProjection(group: try broker.createGroup("\(spec.name)-replica", topic: spec.target),
                                                    member: "\(spec.name)-replica/1", rule: .replicate)
            case .eventSourcing:
                state.projection = StreamProjection(group: try broker.createGroup("\(spec.name)-projection", topic: spec.target),
                                                    member: "\(spec.name)-projection/1", rule: .accumulate)
            case .outbox, .dualWrite, .saga:
                break
            }
            patterns.append(state)
        }
        for index in patterns.indices {
            schedulePatternArrival(index)
            if patterns[index].spec.kind != .dualWrite && patterns[index].spec.kind != .saga {
                schedule(.pattern(index: index, operation: Self.tickOperation), at: Self.patternTick)
            }
        }
    }

    var patternsProduced: Int64 { patterns.reduce(0) { $0 + $1.produced } }

    /// Arrivals carry the pattern's rate generation (as -2 - generation) so a rate change discards the old one.
    private func schedulePatternArrival(_ index: Int) {
        guard let next = ArrivalPattern.poisson.nextArrival(after: now, rate: patterns[index].rate, using: &patterns[index].random),
              next <= endTime else { return }
        schedule(.pattern(index: index, operation: -2 - Int64(patterns[index].generation)), at: next)
    }

    func setPatternRate(_ index: Int, multiplier: Double) {
        patterns[index].multiplier = multiplier
        patterns[index].generation += 1
        schedulePatternArrival(index)
        record(.fault, "\(patterns[index].spec.name) rate x\(JSONText.rounded(multiplier, digits: 2))")
    }

    func patternStep(index: Int, operation: Int64) {
        if operation == Self.tickOperation {
            patternTick(index)
        } else if operation < 0 {
            guard -2 - operation == Int64(patterns[index].generation) else { return }
            businessOperation(index)
            schedulePatternArrival(index)
        } else {
            sagaStep(index, saga: operation)
        }
    }

    private func businessOperation(_ index: Int) {
        patterns[index].operations += 1
        let id = patterns[index].operations
        let name = patterns[index].spec.name
        switch patterns[index].spec.kind {
        case .outbox:
            // The state change and its outbox row commit in one transaction; the relay publishes later.
            patterns[index].stateChanges += 1
            patterns[index].outbox.append(id)
        case .dualWrite:
            patterns[index].stateChanges += 1
            if patterns[index].random.chance(patterns[index].spec.crashProbability) {
                patterns[index].crashes += 1
                record(.crash, "\(name): crashed after the database commit of operation \(id), before publishing: its event is lost",
                       correlationId: "\(name)-\(id)")
            } else {
                publishPatternEvent(index, operation: id, key: "op-\(id)", value: #"{"operation":\#(id)}"#)
            }
        case .saga:
            patterns[index].sagas[id] = SagaRun()
            schedule(.pattern(index: index, operation: id), at: now + sagaStepDuration(index))
        case .cdc:
            let row = "row-\(patterns[index].random.nextIndex(below: Self.patternKeys))"
            let value = Int64(patterns[index].random.nextIndex(below: 10_000))
            let exists = patterns[index].truth[row] != nil
            let op = !exists ? "insert" : patterns[index].random.chance(0.2) ? "delete" : "update"
            patterns[index].truth[row] = op == "delete" ? nil : value
            publishPatternEvent(index, operation: id, key: row, value: #"{"row":"\#(row)","value":\#(value)}"#,
                                headers: [Header("op", Array(op.utf8))])
            if op == "delete" {
                // A tombstone (the key, no value) follows a delete so that log compaction can drop the row.
                publishPatternEvent(index, operation: id, key: row, value: "", messageId: "\(name)-\(id)-tombstone")
            }
        case .eventSourcing:
            let account = "account-\(patterns[index].random.nextIndex(below: Self.patternKeys))"
            let amount = Int64(patterns[index].random.nextIndex(below: 151)) - 50
            patterns[index].truth[account, default: 0] += amount
            publishPatternEvent(index, operation: id, key: account,
                                value: #"{"account":"\#(account)","value":\#(amount)}"#)
        }
    }

    /// The outbox relay publishes pending rows in order; the projections catch up.
    private func patternTick(_ index: Int) {
        switch patterns[index].spec.kind {
        case .outbox:
            while let id = patterns[index].outbox.first {
                publishPatternEvent(index, operation: id, key: "op-\(id)", value: #"{"operation":\#(id)}"#)
                if patterns[index].random.chance(patterns[index].spec.crashProbability) {
                    // Crashed after publishing, before marking the row sent: it is sent again (the broker
                    // dedupes it by message id), never lost.
                    patterns[index].crashes += 1
                    record(.crash, "\(patterns[index].spec.name): relay crashed before marking operation \(id) sent; it will be sent again",
                           correlationId: "\(patterns[index].spec.name)-\(id)")
                    break
                }
                _ = patterns[index].outbox.popFirst()
            }
        case .cdc, .eventSourcing:
            brokerCall("\(patterns[index].spec.name)'s reader catches up") { () throws(BrokerError) in
                try patterns[index].projection?.catchUp()
            }
        case .dualWrite, .saga:
            break
        }
        if now + Self.patternTick <= endTime { schedule(.pattern(index: index, operation: Self.tickOperation), at: now + Self.patternTick) }
    }

    private func sagaStepDuration(_ index: Int) -> Nanos {
        DurationDistribution.exponential(mean: Self.sagaStepMean).sample(using: &patterns[index].random)
    }

    /// One step forward, or one compensation back; a saga ends fully committed or fully compensated.
    private func sagaStep(_ index: Int, saga id: Int64) {
        guard var run = patterns[index].sagas[id] else { return }
        let steps = patterns[index].spec.steps
        let name = patterns[index].spec.name
        if !run.compensating {
            let step = steps[run.completed]
            if patterns[index].random.chance(patterns[index].spec.stepFailureProbability) {
                run.compensating = true
                record(.warning, "\(name) saga \(id): \(step) failed, compensating \(run.completed) steps", correlationId: "\(name)-\(id)")
            } else {
                run.completed += 1
                if publishPatternEvent(index, operation: id, key: "saga-\(id)", value: #"{"saga":\#(id),"step":"\#(step)","event":"done"}"#,
                                       messageId: "\(name)-\(id)-\(step)-done") {
                    run.stored += 1
                }
                if run.completed == steps.count {
                    finishSaga(index, id: id, run: run, committed: true)
                    return
                }
            }
        } else {
            if run.completed == 0 {
                finishSaga(index, id: id, run: run, committed: false)
                return
            }
            run.completed -= 1
            let step = steps[run.completed]
            if publishPatternEvent(index, operation: id, key: "saga-\(id)", value: #"{"saga":\#(id),"step":"\#(step)","event":"compensated"}"#,
                                   messageId: "\(name)-\(id)-\(step)-compensated") {
                run.stored -= 1
            }
        }
        patterns[index].sagas[id] = run
        schedule(.pattern(index: index, operation: id), at: now + sagaStepDuration(index))
    }

    private func finishSaga(_ index: Int, id: Int64, run: SagaRun, committed: Bool) {
        patterns[index].sagas[id] = nil
        let expected = committed ? patterns[index].spec.steps.count : 0
        if run.completed != expected || run.stored != expected {
            fail("saga all-or-nothing", "\(patterns[index].spec.name) saga \(id) ended \(committed ? "committed" : "compensated") with \(run.completed) steps in effect and \(run.stored) in its stored events, of \(patterns[index].spec.steps.count)")
        }
        if committed { patterns[index].sagasCommitted += 1 } else { patterns[index].sagasCompensated += 1 }
    }

    /// Publishes one pattern event; true when the broker stored it.
    @discardableResult
    private func publishPatternEvent(_ index: Int, operation: Int64, key: String, value: String, headers: [Header] = [],
                                     messageId: String? = nil) -> Bool {
        let id = messageId ?? "\(patterns[index].spec.name)-\(operation)"
        let event = ProducerRecord(key: Array(key.utf8), value: Array(value.utf8), headers: headers, messageId: id)
        do throws(BrokerError) {
            switch try patterns[index].topic.produce(event) {
            case .appended(let partition, _):
                patterns[index].produced += 1
                patterns[index].published.insert(operation)
                noteAppended(topic: patterns[index].topic.name, partition: partition)
                return true
            case .duplicate:
                patterns[index].deduplicated += 1
            }
        } catch where error.isRejectedAppend {
            patterns[index].rejected += 1
            record(.warning, "\(patterns[index].spec.name): publish refused: \(error)")
        } catch {
            fail("broker accepts the simulation's calls", "\(patterns[index].spec.name) publishes: \(error)")
        }
        return false
    }

    /// Per pattern: what it did, and whether its guarantee held.
    func patternSummary() -> [(String, JSONValue)] {
        patterns.map { pattern in
            var fields: [(String, JSONValue)] = [("kind", .string(pattern.spec.kind.rawValue)), ("operations", .int(pattern.operations)),
                                                 ("events_stored", .int(pattern.produced)), ("deduplicated", .int(pattern.deduplicated))]
            switch pattern.spec.kind {
            case .outbox, .dualWrite:
                let pending = Int64(pattern.outbox.count)
                // A row the relay published and then crashed before marking sent is both stored and pending:
                // count it once.
                let pendingUnpublished = Int64(pattern.outbox.elements.count { !pattern.published.contains($0) })
                fields += [("state_changes", .int(pattern.stateChanges)), ("crashes", .int(pattern.crashes)),
                           ("outbox_pending", .int(pending)),
                           ("missing_events", .int(pattern.stateChanges - pattern.published.count - pendingUnpublished))]
            case .saga:
                let ended = pattern.sagasCommitted + pattern.sagasCompensated
                fields += [("committed", .int(pattern.sagasCommitted)), ("compensated", .int(pattern.sagasCompensated)),
                           ("in_progress", .int(Int64(pattern.sagas.count))),
                           ("committed_share", .number(ended > 0 ? Double(pattern.sagasCommitted) / Double(ended) : 0))]
            case .cdc:
                let replica = pattern.projection?.caughtUp(with: pattern.topic) ?? [:]
                fields += [("source_rows", .int(Int64(pattern.truth.count))), ("replica_rows", .int(Int64(replica.count))),
                           ("replica_matches", .bool(replica == pattern.truth))]
            case .eventSourcing:
                let incremental = pattern.projection?.caughtUp(with: pattern.topic) ?? [:]
                let replayed = StreamProjection.rebuild(from: pattern.topic, rule: .accumulate)
                fields += [("accounts", .int(Int64(pattern.truth.count))),
                           ("projection_matches", .bool(incremental == pattern.truth)),
                           ("replay_matches", .bool(replayed == incremental))]
            }
            return (pattern.spec.name, .object(fields))
        }
    }
}
