import Broker
import SluiceModel

/// How the simulation calls the broker: a refusal the model does not expect is an invariant violation
/// that stops the run, never swallowed; a refusal it does expect is named at the call.
extension Simulation {
    /// A broker call that fails only when the simulation's model and the broker disagree (an unknown
    /// member, a partition it does not own): such a failure is an invariant violation, and the answer nil.
    @discardableResult
    func brokerCall<Value>(_ what: @autoclosure () -> String, _ call: () throws(BrokerError) -> Value) -> Value? {
        do throws(BrokerError) {
            return try call()
        } catch {
            fail("broker accepts the simulation's calls", "\(what()): \(error)")
            return nil
        }
    }

    /// A broker call that may be refused in a way the model expects (`expected`), answered as that error;
    /// any other refusal is an invariant violation (nil).
    func brokerCall<Value>(_ what: @autoclosure () -> String, expected: (BrokerError) -> Bool,
                           _ call: () throws(BrokerError) -> Value) -> Result<Value, BrokerError>? {
        do throws(BrokerError) {
            return .success(try call())
        } catch where expected(error) {
            return .failure(error)
        } catch {
            fail("broker accepts the simulation's calls", "\(what()): \(error)")
            return nil
        }
    }
}

extension BrokerError {
    /// An ack or nack for a delivery whose ack deadline passed: the broker has handed it out again.
    var isDeliveryNoLongerInFlight: Bool { if case .deliveryNotInFlight = self { true } else { false } }

    /// A full stream (discard policy new), a full queue or an oversized record: a producer's message is
    /// rejected, which the model counts; any other refusal of an append is the model's mistake.
    var isRejectedAppend: Bool {
        switch self {
        case .retentionLimitReached, .recordTooLarge, .queueFull, .queueFullNothingToDrop: true
        default: false
        }
    }

    /// A bounded queue at capacity refused a message.
    var isQueueFull: Bool {
        switch self {
        case .queueFull, .queueFullNothingToDrop: true
        default: false
        }
    }
}

/// Reads of a partition the caller took from `0..<partitionCount`. The broker refuses one only for a
/// partition out of range: the model and the broker disagree, an invariant violation like any other
/// refused call (the run stops there, and the answer is 0).
extension Simulation {
    func logStart(of topic: Topic, partition: Int) -> Int64 {
        brokerCall("log start of \(topic.name) partition \(partition)") { () throws(BrokerError) in
            try topic.logStartOffset(partition: partition)
        } ?? 0
    }

    func logEnd(of topic: Topic, partition: Int) -> Int64 {
        brokerCall("log end of \(topic.name) partition \(partition)") { () throws(BrokerError) in
            try topic.logEndOffset(partition: partition)
        } ?? 0
    }

    func committed(of group: ConsumerGroup, partition: Int) -> Int64 {
        brokerCall("committed offset of \(group.id) partition \(partition)") { () throws(BrokerError) in
            try group.committedOffset(partition: partition)
        } ?? 0
    }
}
