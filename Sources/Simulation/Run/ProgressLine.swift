public import SluiceModel

/// One line of `--format ndjson`: the state at the end of a simulated second, cheap to build. Typed, so
/// tests and tools read fields by name; `Key` is the one list of what the JSON line calls them.
public struct ProgressLine: Sendable {
    /// The JSON keys, in the order they are written.
    public enum Key: String, CaseIterable, Sendable {
        case time = "t"
        case producedPerSecond = "produced_per_s"
        case consumedPerSecond = "consumed_per_s"
        case failuresPerSecond = "failures_per_s"
        case lag
        case queueDepth = "queue_depth"
        case breakers
    }

    public var time: Nanos
    public var producedPerSecond: Double
    public var consumedPerSecond: Double
    /// Failed attempts in the last second (retries and dead letters alike).
    public var failuresPerSecond: Double
    /// Each stream consumer's group and its total lag, in scenario order.
    public var lag: [(group: GroupID, lag: Int64)]
    /// Each queue and how many messages wait in it, in the order the run learnt of them.
    public var queueDepth: [(queue: String, depth: Int)]
    /// Each downstream and its breaker's state (closed when it has none).
    public var breakers: [(downstream: String, state: BreakerSnapshot.State)]

    /// The line as `--format ndjson` writes it.
    public var json: JSONValue {
        .object(Key.allCases.map { key in
            switch key {
            case .time: (key.rawValue, .number(Double(time) / 1e9))
            case .producedPerSecond: (key.rawValue, .number(producedPerSecond))
            case .consumedPerSecond: (key.rawValue, .number(consumedPerSecond))
            case .failuresPerSecond: (key.rawValue, .number(failuresPerSecond))
            case .lag: (key.rawValue, .object(lag.map { ($0.group.description, .int($0.lag)) }))
            case .queueDepth: (key.rawValue, .object(queueDepth.map { ($0.queue, .int(Int64($0.depth))) }))
            case .breakers: (key.rawValue, .object(breakers.map { ($0.downstream, .string($0.state.rawValue)) }))
            }
        })
    }

    /// The depth of the queue of that name, or nil when the run keeps no such queue.
    public func depth(of queue: String) -> Int? { queueDepth.first { $0.queue == queue }?.depth }
}
