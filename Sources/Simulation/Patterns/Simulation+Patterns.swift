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
            patterns.add(state, named: spec.name)
        }
        for pattern in patterns.ids {
            schedulePatternArrival(pattern)
            if patterns[pattern].spec.kind != .dualWrite && patterns[pattern].spec.kind != .saga {
                schedule(.pattern(pattern, operation: Self.tickOperation), at: Self.patternTick)
            }
        }
    }

    /// Arrivals carry the pattern's rate generation (as -2 - generation) so a rate change discards the old one.
    private func schedulePatternArrival(_ pattern: PatternID) {
        guard let next = ArrivalPattern.poisson.nextArrival(after: now, rate: patterns[pattern].rate, using: &patterns[pattern].random),
              next <= endTime else { return }
        schedule(.pattern(pattern, operation: -2 - Int64(patterns[pattern].generation)), at: next)
    }

    func setRateMultiplier(pattern: PatternID, multiplier: Double) {
        patterns[pattern].multiplier = multiplier
        patterns[pattern].generation += 1
        schedulePatternArrival(pattern)
        record(.fault, "\(patterns[pattern].spec.name) rate x\(JSONText.rounded(multiplier, digits: 2))")
    }

    func patternStep(_ pattern: PatternID, operation: Int64) {
        if operation == Self.tickOperation {
            patternTick(pattern)
        } else if operation < 0 {
            guard -2 - operation == Int64(patterns[pattern].generation) else { return }
            businessOperation(pattern)
            schedulePatternArrival(pattern)
        } else {
            sagaStep(pattern, saga: operation)
        }
    }

    private func businessOperation(_ pattern: PatternID) {
        patterns[pattern].operations += 1
        let id = patterns[pattern].operations
        let name = patterns[pattern].spec.name
        switch patterns[pattern].spec.kind {
        case .outbox:
            // The state change and its outbox row commit in one transaction; the relay publishes later.
            patterns[pattern].stateChanges += 1
            patterns[pattern].outbox.append(id)
        case .dualWrite:
            patterns[pattern].stateChanges += 1
            if patterns[pattern].random.chance(patterns[pattern].spec.crashProbability) {
                patterns[pattern].crashes += 1
                record(.crash, "\(name): crashed after the database commit of operation \(id), before publishing: its event is lost",
                       correlationId: "\(name)-\(id)")
            } else {
                publishPatternEvent(pattern, operation: id, key: "op-\(id)", value: #"{"operation":\#(id)}"#)
            }
        case .saga:
            patterns[pattern].sagas[id] = SagaRun()
            schedule(.pattern(pattern, operation: id), at: now + sagaStepDuration(pattern))
        case .cdc:
            let row = "row-\(patterns[pattern].random.nextIndex(below: Self.patternKeys))"
            let value = Int64(patterns[pattern].random.nextIndex(below: 10_000))
            let exists = patterns[pattern].truth[row] != nil
            let op = !exists ? "insert" : patterns[pattern].random.chance(0.2) ? "delete" : "update"
            patterns[pattern].truth[row] = op == "delete" ? nil : value
            publishPatternEvent(pattern, operation: id, key: row, value: #"{"row":"\#(row)","value":\#(value)}"#,
                                headers: [Header("op", Array(op.utf8))])
            if op == "delete" {
                // A tombstone (the key, no value) follows a delete so that log compaction can drop the row.
                publishPatternEvent(pattern, operation: id, key: row, value: "", messageId: "\(name)-\(id)-tombstone")
            }
        case .eventSourcing:
            let account = "account-\(patterns[pattern].random.nextIndex(below: Self.patternKeys))"
            let amount = Int64(patterns[pattern].random.nextIndex(below: 151)) - 50
            patterns[pattern].truth[account, default: 0] += amount
            publishPatternEvent(pattern, operation: id, key: account,
                                value: #"{"account":"\#(account)","value":\#(amount)}"#)
        }
    }

    /// The outbox relay publishes pending rows in order; the projections catch up.
    private func patternTick(_ pattern: PatternID) {
        switch patterns[pattern].spec.kind {
        case .outbox:
            while let id = patterns[pattern].outbox.first {
                publishPatternEvent(pattern, operation: id, key: "op-\(id)", value: #"{"operation":\#(id)}"#)
                if patterns[pattern].random.chance(patterns[pattern].spec.crashProbability) {
                    // Crashed after publishing, before marking the row sent: it is sent again (the broker
                    // dedupes it by message id), never lost.
                    patterns[pattern].crashes += 1
                    record(.crash, "\(patterns[pattern].spec.name): relay crashed before marking operation \(id) sent; it will be sent again",
                           correlationId: "\(patterns[pattern].spec.name)-\(id)")
                    break
                }
                _ = patterns[pattern].outbox.popFirst()
            }
        case .cdc, .eventSourcing:
            brokerCall("\(patterns[pattern].spec.name)'s reader catches up") { () throws(BrokerError) in
                try patterns[pattern].projection?.catchUp()
            }
        case .dualWrite, .saga:
            break
        }
        if now + Self.patternTick <= endTime { schedule(.pattern(pattern, operation: Self.tickOperation), at: now + Self.patternTick) }
    }

    private func sagaStepDuration(_ pattern: PatternID) -> Nanos {
        DurationDistribution.exponential(mean: Self.sagaStepMean).sample(using: &patterns[pattern].random)
    }

    /// One step forward, or one compensation back; a saga ends fully committed or fully compensated.
    private func sagaStep(_ pattern: PatternID, saga id: Int64) {
        guard var run = patterns[pattern].sagas[id] else { return }
        let steps = patterns[pattern].spec.steps
        let name = patterns[pattern].spec.name
        if !run.compensating {
            let step = steps[run.completed]
            if patterns[pattern].random.chance(patterns[pattern].spec.stepFailureProbability) {
                run.compensating = true
                record(.warning, "\(name) saga \(id): \(step) failed, compensating \(run.completed) steps", correlationId: "\(name)-\(id)")
            } else {
                run.completed += 1
                if publishPatternEvent(pattern, operation: id, key: "saga-\(id)", value: #"{"saga":\#(id),"step":"\#(step)","event":"done"}"#,
                                       messageId: "\(name)-\(id)-\(step)-done") {
                    run.stored += 1
                }
                if run.completed == steps.count {
                    finishSaga(pattern, id: id, run: run, committed: true)
                    return
                }
            }
        } else {
            if run.completed == 0 {
                finishSaga(pattern, id: id, run: run, committed: false)
                return
            }
            run.completed -= 1
            let step = steps[run.completed]
            if publishPatternEvent(pattern, operation: id, key: "saga-\(id)", value: #"{"saga":\#(id),"step":"\#(step)","event":"compensated"}"#,
                                   messageId: "\(name)-\(id)-\(step)-compensated") {
                run.stored -= 1
            }
        }
        patterns[pattern].sagas[id] = run
        schedule(.pattern(pattern, operation: id), at: now + sagaStepDuration(pattern))
    }

    private func finishSaga(_ pattern: PatternID, id: Int64, run: SagaRun, committed: Bool) {
        patterns[pattern].sagas[id] = nil
        let expected = committed ? patterns[pattern].spec.steps.count : 0
        if run.completed != expected || run.stored != expected {
            fail("saga all-or-nothing", "\(patterns[pattern].spec.name) saga \(id) ended \(committed ? "committed" : "compensated") with \(run.completed) steps in effect and \(run.stored) in its stored events, of \(patterns[pattern].spec.steps.count)")
        }
        if committed { patterns[pattern].sagasCommitted += 1 } else { patterns[pattern].sagasCompensated += 1 }
    }

    /// Publishes one pattern event; true when the broker stored it.
    @discardableResult
    private func publishPatternEvent(_ pattern: PatternID, operation: Int64, key: String, value: String, headers: [Header] = [],
                                     messageId: String? = nil) -> Bool {
        let id = messageId ?? "\(patterns[pattern].spec.name)-\(operation)"
        let event = ProducerRecord(key: Array(key.utf8), value: Array(value.utf8), headers: headers, messageId: id)
        do throws(BrokerError) {
            switch try patterns[pattern].topic.produce(event) {
            case .appended(let partition, _):
                patterns[pattern].produced += 1
                patterns[pattern].published.insert(operation)
                noteAppended(topic: patterns[pattern].topic.name, partition: partition)
                return true
            case .duplicate:
                patterns[pattern].deduplicated += 1
            }
        } catch where error.isRejectedAppend {
            patterns[pattern].rejected += 1
            record(.warning, "\(patterns[pattern].spec.name): publish refused: \(error)")
        } catch {
            fail("broker accepts the simulation's calls", "\(patterns[pattern].spec.name) publishes: \(error)")
        }
        return false
    }

    /// One pattern's entry: what it did, and whether its guarantee held.
    func patternSummary(_ id: PatternID) -> SummaryEntry<SummaryKey.Pattern> {
        let pattern = patterns[id]
        var fields = SummaryFields<SummaryKey.Pattern>()
        fields[.kind] = .text(pattern.spec.kind.rawValue)
        fields[.operations] = .int(pattern.operations)
        fields[.eventsStored] = .int(pattern.produced)
        fields[.deduplicated] = .int(pattern.deduplicated)
        switch pattern.spec.kind {
        case .outbox, .dualWrite:
            // A row the relay published and then crashed before marking sent is both stored and pending:
            // count it once.
            let pendingUnpublished = Int64(pattern.outbox.elements.count { !pattern.published.contains($0) })
            fields[.stateChanges] = .int(pattern.stateChanges)
            fields[.crashes] = .int(pattern.crashes)
            fields[.outboxPending] = .int(Int64(pattern.outbox.count))
            fields[.missingEvents] = .int(pattern.stateChanges - pattern.published.count - pendingUnpublished)
        case .saga:
            let ended = pattern.sagasCommitted + pattern.sagasCompensated
            fields[.committed] = .int(pattern.sagasCommitted)
            fields[.compensated] = .int(pattern.sagasCompensated)
            fields[.inProgress] = .int(Int64(pattern.sagas.count))
            fields[.committedShare] = .number(ended > 0 ? Double(pattern.sagasCommitted) / Double(ended) : 0)
        case .cdc:
            let replica = brokerCall("\(pattern.spec.name)'s replica reads its stream") { () throws(BrokerError) in
                (try pattern.projection?.caughtUp(with: pattern.topic)) ?? [:]
            } ?? [:]
            fields[.sourceRows] = .int(Int64(pattern.truth.count))
            fields[.replicaRows] = .int(Int64(replica.count))
            fields[.replicaMatches] = .flag(replica == pattern.truth)
        case .eventSourcing:
            let (incremental, replayed) = brokerCall("\(pattern.spec.name)'s projections read its stream") { () throws(BrokerError) in
                ((try pattern.projection?.caughtUp(with: pattern.topic)) ?? [:], try StreamProjection.rebuild(from: pattern.topic, rule: .accumulate))
            } ?? ([:], [:])
            fields[.accounts] = .int(Int64(pattern.truth.count))
            fields[.projectionMatches] = .flag(incremental == pattern.truth)
            fields[.replayMatches] = .flag(replayed == incremental)
        }
        return SummaryEntry(pattern.spec.name, fields)
    }
}
