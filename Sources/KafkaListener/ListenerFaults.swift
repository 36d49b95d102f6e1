public import SluiceModel
import Synchronization

/// Faults the listener injects on purpose, switched from the dashboard, to watch how real clients react:
/// every response late, a share of produce or fetch requests failed with a retriable error, a group's
/// heartbeats left unanswered until its sessions run out. (Closing every connection is `KafkaListener`'s.)
public final class ListenerFaults: Sendable {
    /// A retriable error a share of requests gets instead of an answer.
    public enum RetriableError: String, Sendable, CaseIterable {
        case notLeaderOrFollower = "NOT_LEADER_OR_FOLLOWER"
        case requestTimedOut = "REQUEST_TIMED_OUT"

        var code: KafkaErrorCode { self == .notLeaderOrFollower ? .notLeaderOrFollower : .requestTimedOut }
    }

    /// Which requests a failure share applies to.
    public enum Requests: String, Sendable, CaseIterable { case produce, fetch }

    public struct Failure: Sendable, Equatable {
        public var share: Double
        public var error: RetriableError
        public init(share: Double, error: RetriableError) { self.share = share; self.error = error }
    }

    private struct State {
        var latency: Nanos = 0
        var failures: [Requests: Failure] = [:]
        var silencedGroups: Set<String> = []
        /// Requests of each kind seen since its fault was switched on.
        var seen: [Requests: Int64] = [:]
        /// Requests each fault has hit since it was switched on.
        var failed: [Requests: Int64] = [:]
        var unanswered: [String: Int64] = [:]
    }

    private let state: Mutex<State>

    public init() { state = Mutex(State()) }

    /// How long every response waits before it goes out; 0 for none.
    public var latency: Nanos {
        get { state.withLock { $0.latency } }
        set { state.withLock { $0.latency = max(0, newValue) } }
    }

    /// Fails `failure.share` of the requests of this kind with its error; nil stops it. Returns how many it failed.
    @discardableResult
    public func setFailure(_ failure: Failure?, for requests: Requests) -> Int64 {
        state.withLock { state in
            state.failures[requests] = failure.map { Failure(share: min(max($0.share, 0), 1), error: $0.error) }
            defer { state.failed[requests] = 0; state.seen[requests] = 0 }
            return state.failed[requests] ?? 0
        }
    }

    public func failure(for requests: Requests) -> Failure? { state.withLock { $0.failures[requests] } }

    /// Leaves this group's heartbeats unanswered (until its sessions time out), or answers them again.
    /// Returns how many went unanswered.
    @discardableResult
    public func setHeartbeatsIgnored(_ ignored: Bool, group: String) -> Int64 {
        state.withLock { state in
            if ignored { state.silencedGroups.insert(group) } else { state.silencedGroups.remove(group) }
            defer { state.unanswered[group] = 0 }
            return state.unanswered[group] ?? 0
        }
    }

    public var silencedGroups: Set<String> { state.withLock { $0.silencedGroups } }

    /// Requests failed by the share of this kind since it was switched on.
    public func failedCount(_ requests: Requests) -> Int64 { state.withLock { $0.failed[requests] ?? 0 } }

    /// The error this request gets instead of its answer, when its turn comes. The share is spread evenly, not
    /// drawn: the n-th request since the fault was switched on fails when ceil(n * share) goes up, so the first
    /// one fails at once (the clients' answer shows straight away) and 30% fails 3 in every 10, never by luck.
    func drawFailure(for requests: Requests) -> KafkaErrorCode? {
        state.withLock { state in
            guard let failure = state.failures[requests], failure.share > 0 else { return nil }
            let n = state.seen[requests, default: 0] + 1
            state.seen[requests] = n
            guard (Double(n) * failure.share).rounded(.up) > (Double(n - 1) * failure.share).rounded(.up) else { return nil }
            state.failed[requests, default: 0] += 1
            return failure.error.code
        }
    }

    /// Whether this group's heartbeat goes unanswered; counts it.
    func ignoresHeartbeat(of group: String) -> Bool {
        state.withLock { state in
            guard state.silencedGroups.contains(group) else { return false }
            state.unanswered[group, default: 0] += 1
            return true
        }
    }
}
