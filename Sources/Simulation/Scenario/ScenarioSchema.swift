import Broker
import SluiceModel
import TOMLKit

/// The scenario file schema: reads each section and checks that names refer to each other correctly.
struct ScenarioSchema {
    let root: TableReader

    func read() throws(ScenarioError) -> Scenario {
        try root.rejectUnknownKeys(["scenario", "stream", "queue", "producer", "consumer", "downstream", "fault",
                                    "pattern", "expect", "lesson", "step"])
        try checkTableCounts()
        var scenario = try readHeader()
        scenario.streams = try root.tables("stream").map { reader throws(ScenarioError) in try readStream(reader) }
        scenario.queues = try root.tables("queue").map { reader throws(ScenarioError) in try readQueue(reader) }
        try checkUniqueNames(scenario)
        scenario.downstreams = try root.tables("downstream").map { reader throws(ScenarioError) in
            try readDownstream(reader, end: scenario.duration)
        }
        scenario.producers = try root.tables("producer").map { reader throws(ScenarioError) in
            try readProducer(reader, scenario: scenario)
        }
        var groups: Set<String> = []
        for reader in try root.tables("consumer") {
            let consumer = try readConsumer(reader, scenario: scenario)
            if let group = consumer.group, !groups.insert("\(consumer.source)/\(group)").inserted {
                throw reader.error("group", "another consumer already reads \(consumer.source) as group \"\(group)\"; a group is one consumer with several instances")
            }
            scenario.consumers.append(consumer)
        }
        scenario.patterns = try root.tables("pattern").map { reader throws(ScenarioError) in
            try readPattern(reader, scenario: scenario)
        }
        for reader in try root.tables("fault") {
            scenario.faults.append(try readFault(reader, scenario: scenario))
        }
        try checkNamesDistinct(root.tables("producer") + root.tables("pattern"), what: "producer or pattern")
        try checkNamesDistinct(root.tables("consumer"), what: "consumer")
        try checkNamesDistinct(root.tables("downstream"), what: "downstream")
        scenario.lesson = try LessonSchema(root: root, schema: self).read(into: &scenario)
        try checkTotals(scenario)
        if let expect = try root.subtable("expect") {
            scenario.expectations = try ExpectationReader(scenario: scenario).read(expect)
        }
        return scenario
    }

    private func readHeader() throws(ScenarioError) -> Scenario {
        guard let header = try root.subtable("scenario") else {
            throw root.error("scenario", "missing; expected a [scenario] table with at least a name")
        }
        try header.rejectUnknownKeys(["name", "description", "seed", "duration", "warmup"])
        var scenario = Scenario(name: try header.requiredString("name", meaning: "the scenario's name"))
        scenario.file = root.file
        scenario.description = try header.string("description") ?? ""
        if let seed = try header.integer("seed", atLeast: 0) { scenario.seed = UInt64(seed) }
        scenario.duration = try header.duration("duration", positive: true) ?? scenario.duration
        scenario.warmup = try header.duration("warmup") ?? 0
        if scenario.warmup >= scenario.duration {
            throw header.error("warmup", "expected a warm-up shorter than the duration (\(DurationText.format(scenario.duration)))")
        }
        return scenario
    }

    private func readStream(_ reader: TableReader) throws(ScenarioError) -> StreamSpec {
        try reader.rejectUnknownKeys(["name", "partitions", "retention", "dedupe_window"])
        var stream = StreamSpec(name: try reader.requiredString("name", meaning: "the stream's name"))
        stream.partitions = try reader.integer("partitions", atLeast: 1, atMost: 4096) ?? 1
        stream.dedupeWindow = try reader.duration("dedupe_window")
        if let retention = try reader.subtable("retention") {
            try retention.rejectUnknownKeys(["max_messages", "max_bytes", "max_age", "discard"])
            stream.retention.maxMessages = try retention.integer("max_messages", atLeast: 1)
            stream.retention.maxBytes = try retention.integer("max_bytes", atLeast: 1)
            stream.retention.maxAge = try retention.duration("max_age", positive: true)
            stream.retention.discard = try retention.choice("discard", as: DiscardPolicy.self) ?? .old
        }
        return stream
    }

    private func readQueue(_ reader: TableReader) throws(ScenarioError) -> QueueSpec {
        try reader.rejectUnknownKeys(["name", "capacity", "overflow", "ack_deadline", "max_deliveries", "dead_letter",
                                      "retry", "dedupe_window"])
        var queue = QueueSpec(name: try reader.requiredString("name", meaning: "the queue's name"))
        queue.capacity = try reader.integer("capacity", atLeast: 1)
        queue.overflow = try reader.choice("overflow", as: OverflowPolicy.self) ?? .rejectNew
        queue.ackDeadline = try reader.duration("ack_deadline", positive: true) ?? queue.ackDeadline
        queue.maxDeliveries = try reader.integer("max_deliveries", atLeast: 1)
        queue.deadLetter = try reader.string("dead_letter")
        queue.dedupeWindow = try reader.duration("dedupe_window")
        if queue.deadLetter == queue.name { throw reader.error("dead_letter", "expected another queue's name, not the queue itself") }
        if queue.deadLetter != nil && queue.maxDeliveries == nil {
            throw reader.error("max_deliveries", "missing; a queue with a dead_letter needs max_deliveries")
        }
        if let retry = try reader.subtable("retry") { queue.retry = try readRetry(retry) }
        return queue
    }

    private func readRetry(_ reader: TableReader) throws(ScenarioError) -> RetryPolicy {
        try reader.rejectUnknownKeys(["backoff", "initial", "multiplier", "max", "jitter", "delays"])
        let backoff = try reader.choice("backoff", as: BackoffChoice.self) ?? .exponential
        let jitter = try reader.choice("jitter", as: Jitter.self) ?? .none
        switch backoff {
        case .none:
            return .immediate
        case .list:
            guard let delays = try reader.durations("delays"), !delays.isEmpty else {
                throw reader.error("delays", #"missing; backoff = "list" needs delays = ["1s", "5s", ...]"#)
            }
            return .schedule(delays)
        case .exponential, .fixed:
            let initial = try reader.duration("initial") ?? NanosPerUnit.second
            let multiplier = backoff == .fixed ? 1 : try reader.number("multiplier", atLeast: 1, atMost: ScenarioLimits.largestFactor) ?? 2
            let maximum = try reader.duration("max") ?? max(initial, 60 * NanosPerUnit.second)
            if maximum < initial { throw reader.error("max", "expected a maximum at least the initial delay") }
            return .exponential(initial: initial, multiplier: multiplier, max: maximum, jitter: jitter)
        }
    }

    private func readProducer(_ reader: TableReader, scenario: Scenario) throws(ScenarioError) -> ProducerSpec {
        try reader.rejectUnknownKeys(["name", "target", "rate", "arrivals", "bursty", "keys", "payload", "message_ids",
                                      "schedule"])
        let name = try reader.requiredString("name", meaning: "the producer's name")
        let target = try requireTarget(reader, key: "target", scenario: scenario)
        guard let rate = try reader.rate("rate") else {
            throw reader.error("rate", "missing; expected messages per simulated second, like 90.0")
        }
        var producer = ProducerSpec(name: name, target: target, rate: rate)
        producer.arrivals = try readArrivals(reader)
        producer.keys = try readKeys(reader)
        producer.payload = try reader.string("payload") ?? producer.payload
        // Each message carries a copy: the limit on messages held is only a limit on memory if messages are small.
        if producer.payload.utf8.count > ScenarioLimits.largestPayload {
            throw reader.error("payload", "expected a payload of at most \(ScenarioLimits.largestPayload / 1024) KiB, "
                               + "got \(producer.payload.utf8.count / 1024) KiB")
        }
        producer.messageIds = try reader.bool("message_ids") ?? true
        for change in try reader.tables("schedule") {
            try change.rejectUnknownKeys(["at", "rate"])
            guard let at = try change.moment("at", before: scenario.duration) else {
                throw change.error("at", "missing; expected a duration like \"2m\"")
            }
            guard let newRate = try change.rate("rate") else {
                throw change.error("rate", "missing; expected messages per simulated second")
            }
            producer.schedule.append(RateChange(at: at, rate: newRate))
        }
        return producer
    }

    private func readArrivals(_ reader: TableReader) throws(ScenarioError) -> ArrivalPattern {
        switch try reader.choice("arrivals", as: ArrivalsChoice.self) ?? .poisson {
        case .constant: return .constant
        case .bursty:
            let periods = try reader.subtable("bursty")
            try periods?.rejectUnknownKeys(["on", "off"])
            let on = try periods?.duration("on", positive: true) ?? 5 * NanosPerUnit.second
            let off = try periods?.duration("off") ?? 10 * NanosPerUnit.second
            return .bursty(on: on, off: off)
        case .poisson:
            if reader.has("bursty") { throw reader.error("bursty", #"only meaningful with arrivals = "bursty""#) }
            return .poisson
        }
    }

    private func readKeys(_ reader: TableReader) throws(ScenarioError) -> KeySpec {
        if let word = reader.table["keys"]?.string {
            guard word == "none" else { throw reader.error("keys", #"expected "none" or a table like { count = 1000, distribution = "uniform" }, got "\#(word)""#) }
            return .none
        }
        guard let keys = try reader.subtable("keys") else { return .none }
        try keys.rejectUnknownKeys(["count", "distribution", "s"])
        let distribution = try keys.choice("distribution", as: KeyDistributionChoice.self) ?? .uniform
        if distribution == .none { return .none }
        guard let count = try keys.integer("count", atLeast: 1, atMost: 10_000_000) else {
            throw keys.error("count", "missing; expected how many distinct keys, like 1000")
        }
        if distribution == .zipf {
            return .zipf(count: count, exponent: try keys.number("s", atLeast: 0.01, atMost: 10) ?? 1.2)
        }
        if keys.has("s") { throw keys.error("s", #"only meaningful with distribution = "zipf""#) }
        return .uniform(count: count)
    }

    private func readConsumer(_ reader: TableReader, scenario: Scenario) throws(ScenarioError) -> ConsumerSpec {
        try reader.rejectUnknownKeys(["name", "source", "group", "instances", "concurrency", "service", "failure", "poison",
                                      "idempotent", "commit", "max_in_flight", "downstream", "slow", "max_attempts",
                                      "dead_letter", "start", "commit_interval"])
        let name = try reader.requiredString("name", meaning: "the consumer's name")
        if name.contains("/") { throw reader.error("name", "expected a name without \"/\", got \"\(name)\"") }
        let source = try requireTarget(reader, key: "source", scenario: scenario)
        var consumer = ConsumerSpec(name: name, source: source)
        let isStream = scenario.hasStream(source)
        consumer.group = try reader.string("group")
        if isStream && consumer.group == nil {
            throw reader.error("group", "missing; a consumer of stream \"\(source)\" needs a consumer group")
        }
        if !isStream && consumer.group != nil {
            throw reader.error("group", "only meaningful for streams; \"\(source)\" is a queue")
        }
        consumer.instances = try reader.integer("instances", atLeast: 0, atMost: 1000) ?? 1
        consumer.concurrency = try reader.integer("concurrency", atLeast: 1, atMost: 10_000) ?? 1
        if consumer.instances * consumer.concurrency > ScenarioLimits.mostServiceSlots {
            throw reader.error("concurrency", "expected instances × concurrency of at most \(ScenarioLimits.mostServiceSlots), "
                               + "got \(consumer.instances) × \(consumer.concurrency)")
        }
        consumer.maxInFlight = try reader.integer("max_in_flight", atLeast: 1)
        // A queue instance works only on messages it holds, so a smaller prefetch would quietly cap concurrency.
        if !isStream, let prefetch = consumer.maxInFlight, prefetch < consumer.concurrency {
            throw reader.error("max_in_flight", "expected at least concurrency (\(consumer.concurrency)), got \(prefetch); "
                               + "lower concurrency to take fewer messages at once")
        }
        if let service = try reader.subtable("service") { consumer.service = try readService(service) }
        if let failure = try reader.subtable("failure") {
            try failure.rejectUnknownKeys(["probability"])
            consumer.failureProbability = try failure.probability("probability") ?? 0
        }
        if let poison = try reader.subtable("poison") { consumer.poison = try readPoison(poison) }
        consumer.idempotent = try reader.bool("idempotent") ?? false
        consumer.commit = try readCommit(reader, isStream: isStream)
        consumer.downstream = try reader.string("downstream")
        if let downstream = consumer.downstream, !scenario.downstreams.contains(where: { $0.name == downstream }) {
            throw reader.error("downstream", "expected the name of a [[downstream]] (\(Self.list(scenario.downstreams.map(\.name)))), got \"\(downstream)\"")
        }
        for slow in try reader.tables("slow") {
            try slow.rejectUnknownKeys(["instance", "factor"])
            guard consumer.instances > 0 else { throw slow.error("instance", "the consumer has no instances to slow down") }
            guard let instance = try slow.integer("instance", atLeast: 1, atMost: consumer.instances) else {
                throw slow.error("instance", "missing; expected the 1-based instance number")
            }
            let factor = try slow.number("factor", atLeast: 1 / ScenarioLimits.largestFactor, atMost: ScenarioLimits.largestFactor) ?? 5
            consumer.slow.append(SlowInstance(instance: instance, factor: factor))
        }
        consumer.maxAttempts = try reader.integer("max_attempts", atLeast: 1) ?? consumer.maxAttempts
        consumer.deadLetter = try reader.string("dead_letter")
        if let deadLetter = consumer.deadLetter, !scenario.hasQueue(deadLetter) {
            throw reader.error("dead_letter", "expected the name of a queue, got \"\(deadLetter)\"")
        }
        consumer.startLatest = try reader.choice("start", as: StartChoice.self) == .latest
        if let interval = try reader.duration("commit_interval", positive: true) {
            guard isStream else { throw reader.error("commit_interval", "only meaningful for stream consumers; queue consumers ack") }
            guard consumer.commit == .after else {
                throw reader.error("commit_interval", #"only meaningful with commit = "after" (what was processed, every interval)"#)
            }
            consumer.commit = .periodic(PeriodicCommit(every: interval, scope: .processed))
        }
        return consumer
    }

    private func readService(_ reader: TableReader) throws(ScenarioError) -> DurationDistribution {
        try reader.rejectUnknownKeys(["distribution", "mean", "low", "high", "sigma"])
        let kind = try reader.choice("distribution", as: ServiceDistributionChoice.self) ?? .exponential
        if kind == .uniform {
            guard let low = try reader.duration("low"), let high = try reader.duration("high") else {
                throw reader.error(reader.has("low") ? "high" : "low", #"missing; uniform needs low and high durations like "50ms""#)
            }
            if high < low { throw reader.error("high", "expected at least low (\(DurationText.format(low)))") }
            return .uniform(low: low, high: high)
        }
        guard let mean = try reader.duration("mean", positive: true) else {
            throw reader.error("mean", #"missing; expected a duration like "100ms""#)
        }
        switch kind {
        case .constant: return .constant(mean)
        case .lognormal: return .lognormal(mean: mean, sigma: try reader.number("sigma", atLeast: 0.01, atMost: 5) ?? 0.5)
        case .exponential, .uniform: return .exponential(mean: mean)
        }
    }

    private func readPoison(_ reader: TableReader) throws(ScenarioError) -> PoisonRule {
        try reader.rejectUnknownKeys(["key", "field", "equals"])
        if let key = try reader.string("key") { return .key(key) }
        guard let field = try reader.string("field") else {
            throw reader.error(nil, #"expected { key = "..." } or { field = "...", equals = "..." }"#)
        }
        guard let value = reader.table["equals"] else { throw reader.error("equals", "missing; expected the value that poisons") }
        let text = value.string ?? TableReader.describe(value)
        return .field(name: field, equals: text)
    }

    private func readCommit(_ reader: TableReader, isStream: Bool) throws(ScenarioError) -> CommitStrategy {
        guard let text = try reader.string("commit") else { return .after }
        if !isStream { throw reader.error("commit", "only meaningful for stream consumers; queue consumers ack") }
        switch text {
        case "after": return .after
        case "before": return .before
        case "before_batch": return .beforeBatch
        default:
            if text.hasPrefix("auto:"), let interval = DurationText.parse(String(text.dropFirst(5))), interval > 0,
               interval <= ScenarioLimits.longestDuration {
                return .periodic(PeriodicCommit(every: interval, scope: .handedOut))
            }
            throw reader.error("commit", #"expected "after", "before", "before_batch" or "auto:5s", got "\#(text)""#)
        }
    }

    private func readDownstream(_ reader: TableReader, end: Nanos) throws(ScenarioError) -> DownstreamSpec {
        try reader.rejectUnknownKeys(["name", "failure", "outages", "breaker"])
        var downstream = DownstreamSpec(name: try reader.requiredString("name", meaning: "the downstream's name"))
        if let failure = try reader.subtable("failure") {
            try failure.rejectUnknownKeys(["probability"])
            downstream.failureProbability = try failure.probability("probability") ?? 0
        }
        for outage in try reader.tables("outages") {
            try outage.rejectUnknownKeys(["at", "for"])
            guard let at = try outage.moment("at", before: end) else { throw outage.error("at", #"missing; expected a duration like "2m""#) }
            guard let length = try outage.duration("for", positive: true) else {
                throw outage.error("for", #"missing; expected how long it lasts, like "30s""#)
            }
            downstream.outages.append(.init(at: at, length: length))
        }
        if let breaker = try reader.subtable("breaker") {
            try breaker.rejectUnknownKeys(["failure_rate", "window", "minimum_calls", "open_for", "trial_calls"])
            var spec = BreakerSpec()
            spec.failureRate = try breaker.number("failure_rate", atLeast: 0.01, atMost: 1) ?? spec.failureRate
            spec.window = try breaker.duration("window", positive: true) ?? spec.window
            spec.minimumCalls = try breaker.integer("minimum_calls", atLeast: 1) ?? spec.minimumCalls
            spec.openFor = try breaker.duration("open_for", positive: true) ?? spec.openFor
            spec.trialCalls = try breaker.integer("trial_calls", atLeast: 1) ?? spec.trialCalls
            downstream.breaker = spec
        }
        return downstream
    }

    private func readPattern(_ reader: TableReader, scenario: Scenario) throws(ScenarioError) -> PatternSpec {
        try reader.rejectUnknownKeys(["name", "kind", "target", "rate", "crash_probability", "steps", "step_failure_probability"])
        let name = try reader.requiredString("name", meaning: "the pattern's name")
        guard let kind = try reader.choice("kind", as: PatternKind.self) else {
            throw reader.error("kind", "missing; expected one of \(PatternKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let target = try requireTarget(reader, key: "target", scenario: scenario)
        if !scenario.hasStream(target) { throw reader.error("target", "expected a stream, got queue \"\(target)\"") }
        var pattern = PatternSpec(name: name, kind: kind, target: target)
        pattern.rate = try reader.rate("rate") ?? pattern.rate
        pattern.crashProbability = try reader.probability("crash_probability") ?? 0
        pattern.steps = try reader.strings("steps") ?? (kind == .saga ? ["reserve", "charge", "ship"] : [])
        pattern.stepFailureProbability = try reader.probability("step_failure_probability") ?? 0
        return pattern
    }

    /// A `[[fault]]`, or (with `fixedTime`) a lesson step's action, which takes its time from the step.
    func readFault(_ reader: TableReader, scenario: Scenario, fixedTime: Nanos? = nil) throws(ScenarioError) -> FaultSpec {
        try reader.rejectUnknownKeys((fixedTime == nil ? ["at"] : []) + ["action", "target", "for", "multiplier", "count", "instances"])
        let readTime = fixedTime == nil ? try reader.moment("at", before: scenario.duration) : fixedTime
        guard let at = readTime else { throw reader.error("at", #"missing; expected a duration like "2m""#) }
        guard let action = try reader.choice("action", as: FaultAction.self) else {
            throw reader.error("action", "missing; expected one of \(FaultAction.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let target = try reader.requiredString("target", meaning: "what the fault acts on")
        var fault = FaultSpec(at: at, action: action, target: target, length: try reader.duration("for", positive: true))
        try FaultTargets(scenario: scenario).check(fault, reader: reader)
        switch action {
        case .rate:
            guard let multiplier = try reader.number("multiplier", atLeast: 0, atMost: ScenarioLimits.largestFactor) else {
                throw reader.error("multiplier", "missing; a rate fault needs a multiplier like 3.0 (1 restores)")
            }
            // The rate ceiling holds after multipliers too.
            let base = scenario.baseRate(of: target)
            if base * multiplier > ScenarioLimits.fastestRate {
                throw reader.error("multiplier", "expected a multiplier that keeps \(target) at most \(JSONText.number(ScenarioLimits.fastestRate)) "
                                   + "per second; its peak rate \(JSONText.number(base)) × \(JSONText.number(multiplier)) would be "
                                   + JSONText.number(base * multiplier))
            }
            fault.value = multiplier
        case .poison: fault.value = Double(try reader.integer("count", atLeast: 1, atMost: 1_000_000) ?? 1)
        case .scale:
            guard let count = try reader.integer("instances", atLeast: 0, atMost: 1000) else {
                throw reader.error("instances", "missing; a scale fault needs the new instance count")
            }
            fault.value = Double(count)
        default: break
        }
        for key in ["multiplier", "count", "instances"] where reader.has(key) && fault.value == nil {
            throw reader.error(key, "not meaningful for action \"\(action.rawValue)\"")
        }
        return fault
    }

    private func requireTarget(_ reader: TableReader, key: String, scenario: Scenario) throws(ScenarioError) -> String {
        let name = try reader.requiredString(key, meaning: "the name of a stream or queue")
        guard scenario.hasStream(name) || scenario.hasQueue(name) else {
            let known = scenario.streams.map(\.name) + scenario.queues.map(\.name)
            throw reader.error(key, "expected the name of a stream or queue (\(Self.list(known))), got \"\(name)\"")
        }
        return name
    }

    private func checkUniqueNames(_ scenario: Scenario) throws(ScenarioError) {
        try checkNamesDistinct(root.tables("stream") + root.tables("queue"), what: "stream or queue")
        for (position, queue) in scenario.queues.enumerated() {
            if let deadLetter = queue.deadLetter, scenario.hasStream(deadLetter) {
                throw try root.tables("queue")[position].error("dead_letter", "expected a queue name, \"\(deadLetter)\" is a stream")
            }
            // A misspelt name would quietly make a new queue that nothing watches.
            if let deadLetter = queue.deadLetter, !scenario.hasQueue(deadLetter) {
                throw try root.tables("queue")[position].error(
                    "dead_letter", "expected the name of another [[queue]] (\(Self.list(scenario.queues.map(\.name).filter { $0 != queue.name }))), "
                        + "got \"\(deadLetter)\"; declare the dead-letter queue as a [[queue]] of its own")
            }
        }
        try checkDeadLettersEndSomewhere(scenario)
        try checkDeadLetterQueuesUnbounded(scenario)
    }

    /// The broker never refuses a dead letter (it would have nowhere to go), so a bound on a queue that
    /// another queue dead-letters into would be silently ignored: refuse it instead.
    private func checkDeadLetterQueuesUnbounded(_ scenario: Scenario) throws(ScenarioError) {
        let targets = Set(scenario.queues.compactMap(\.deadLetter))
        for (position, queue) in scenario.queues.enumerated() where targets.contains(queue.name) {
            let reader = try root.tables("queue")[position]
            for key in ["capacity", "overflow"] where reader.has(key) {
                throw reader.error(key, "a dead-letter queue takes every dead letter, so it cannot be bounded; remove \(key)")
            }
        }
    }

    /// Chains of dead-letter queues (a -> b -> c) are fine; a circle would hand a message round for ever.
    private func checkDeadLettersEndSomewhere(_ scenario: Scenario) throws(ScenarioError) {
        let target = Dictionary(scenario.queues.map { ($0.name, $0.deadLetter) }, uniquingKeysWith: { first, _ in first })
        for (position, queue) in scenario.queues.enumerated() {
            var path = [queue.name]
            var next = queue.deadLetter
            while let name = next, path.count <= scenario.queues.count {
                path.append(name)
                if name == queue.name {
                    throw try root.tables("queue")[position].error(
                        "dead_letter", "dead letters would go round in a circle: \(path.joined(separator: " -> "))")
                }
                next = target[name] ?? nil
            }
        }
    }

    private func checkNamesDistinct(_ readers: [TableReader], what: String) throws(ScenarioError) {
        var seen: Set<String> = []
        for reader in readers {
            guard let name = reader.table["name"]?.string else { continue }
            if !seen.insert(name).inserted { throw reader.error("name", "another \(what) is already named \"\(name)\"") }
        }
    }

    static func list(_ names: [String]) -> String { names.isEmpty ? "none defined" : names.joined(separator: ", ") }
}
