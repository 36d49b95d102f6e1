import Broker
public import SluiceModel

/// A fault of the listener as the dashboard names and switches it (like a downstream's outage).
public enum ListenerFault: Sendable, Equatable {
    case latency
    case failing(ListenerFaults.Requests)
    case closeConnections
    case ignoreHeartbeats(group: String)

    /// What the dashboard switches on: fixed amounts, so one key does it.
    public static let addedLatency: Nanos = 250 * NanosPerUnit.millisecond
    public static let failedShare = 0.3

    public static func error(for requests: ListenerFaults.Requests) -> ListenerFaults.RetriableError {
        requests == .produce ? .notLeaderOrFollower : .requestTimedOut
    }

    /// The fault's name on the dashboard (and in `Command.setOutage`).
    public var name: String {
        switch self {
        case .latency: "listener: +\(Self.addedLatency / NanosPerUnit.millisecond) ms on every response"
        case .failing(let requests):
            "listener: \(Int(Self.failedShare * 100))% of \(requests.rawValue) requests get \(Self.error(for: requests).rawValue)"
        case .closeConnections: "listener: close every connection"
        case .ignoreHeartbeats(let group): "listener: ignore heartbeats of group \(group)"
        }
    }

    /// Every fault there is for these client groups.
    public static func all(groups: [String]) -> [ListenerFault] {
        [.latency, .failing(.produce), .failing(.fetch), .closeConnections] + groups.map { .ignoreHeartbeats(group: $0) }
    }
}

extension KafkaListener {
    /// Whether the fault is on now (closing connections is a single act, never on).
    public func isOn(_ fault: ListenerFault) -> Bool {
        switch fault {
        case .latency: faults.latency > 0
        case .failing(let requests): faults.failure(for: requests) != nil
        case .closeConnections: false
        case .ignoreHeartbeats(let group): faults.silencedGroups.contains(group)
        }
    }

    /// Switches a fault on or off; returns what it did, for the status line and the event log.
    public func set(_ fault: ListenerFault, on: Bool) -> String {
        switch fault {
        case .latency:
            faults.latency = on ? ListenerFault.addedLatency : 0
            return on ? "every response waits \(ListenerFault.addedLatency / NanosPerUnit.millisecond) ms" : "responses go out at once again"
        case .failing(let requests):
            let failure = ListenerFaults.Failure(share: ListenerFault.failedShare, error: ListenerFault.error(for: requests))
            let failed = faults.setFailure(on ? failure : nil, for: requests)
            return on ? "\(Int(ListenerFault.failedShare * 100))% of \(requests.rawValue) requests get \(failure.error.rawValue)"
                : "\(requests.rawValue) requests answered again (\(failed) failed on purpose)"
        case .closeConnections:
            guard on else { return "nothing to undo: closed connections are reopened by the clients" }
            return "closed \(closeAllConnections()) connections"
        case .ignoreHeartbeats(let group):
            let unanswered = faults.setHeartbeatsIgnored(on, group: group)
            return on ? "heartbeats of group \(group) go unanswered until its sessions time out"
                : "heartbeats of group \(group) answered again (\(unanswered) were held)"
        }
    }

    /// Every fault for the broker's client groups, by the name the dashboard shows.
    public func fault(named name: String) -> ListenerFault? {
        ListenerFault.all(groups: clientGroups.all.map(\.id)).first { $0.name == name }
    }

    /// Each fault as the dashboard lists it: a fault row (open while on, with the requests it hit) and the
    /// downstream its key switches.
    public func faultRows() -> (breakers: [BreakerSnapshot], downstreams: [DownstreamSnapshot]) {
        let faults = ListenerFault.all(groups: clientGroups.all.map(\.id))
        let breakers = faults.map { fault in
            let on = isOn(fault)
            return BreakerSnapshot(name: fault.name, state: on ? .open : .closed, rejectedCalls: hits(fault),
                                   downstreamUp: !on, isFault: true)
        }
        return (breakers, faults.map { DownstreamSnapshot(name: $0.name, up: !isOn($0)) })
    }

    /// How many requests the fault has hit since it was switched on.
    func hits(_ fault: ListenerFault) -> Int64 {
        switch fault {
        case .failing(let requests): faults.failedCount(requests)
        default: 0
        }
    }
}
