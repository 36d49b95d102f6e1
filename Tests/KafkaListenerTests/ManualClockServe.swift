import Broker
import KafkaListener
import SluiceModel

/// A served broker on a clock the test moves, started far from zero as Unix time is, with its listener and the
/// dashboard's backend over it. Stop the listener when done.
struct ManualClockServe {
    static let start = 1_700_000_000 * NanosPerUnit.second
    let clock = ManualClock(now: start)
    let broker: Broker
    let listener: KafkaListener
    let backend: ListenerBackend

    init() throws {
        broker = Broker(clock: clock)
        listener = try KafkaListener(broker: broker, configuration: KafkaListenerConfiguration(port: 0))
        backend = ListenerBackend(broker: broker, listener: listener)
    }
}
