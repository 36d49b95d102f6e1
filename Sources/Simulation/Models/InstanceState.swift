import Broker
import SluiceModel

/// One message or record an instance is working on.
struct Job {
    /// Set for queue messages.
    var delivery: Delivery?
    /// Stream records: partition and offset; queue messages: partition 0 and the queue sequence.
    var partition: Int
    var offset: Int64
    var key: [UInt8]?
    var poison: Bool
    /// The consumer's own code fails this attempt (drawn at the start).
    var failsItself: Bool
    /// Whether this attempt calls the downstream (nil: no downstream, or the breaker refused).
    var callsDownstream: Bool
    var breakerRefused: Bool
    var attempt: Int
    /// Why the previous attempt failed, while a stream record is retried in place.
    var lastError: String?
    /// Counted as a duplicate delivery when it began.
    var knownDuplicate = false
    var startedAt: Nanos
    var enqueuedAt: Nanos
    var partitionEpoch: Int
    /// Unique within the instance: the events scheduled for this job carry it.
    var ticket = 0
}

/// One running copy of a consumer: `billing/2`: what every instance has. What only a stream or a queue
/// consumer's instance holds is `StreamMemberState` or `QueueMemberState`.
struct InstanceState {
    enum Life: Equatable { case running, paused, crashed, draining, removed }

    let consumer: ConsumerID
    let number: Int
    /// `billing/2`: how the broker, the log and commands name it.
    let name: String
    /// Where it stands in its consumer's instance list, for the round-robin order of a dispatch; also where
    /// its consumer's part keeps its member state.
    let position: Int
    var life: Life = .running
    /// The next job's ticket; never reused, so events scheduled for a dropped job are ignored.
    var nextTicket = 0
    var slots: [Job?]
    var busy = 0
    /// Service times are multiplied by this (a slow instance).
    var slowness: Double
    var processed: Int64 = 0
    var failed: Int64 = 0
    /// Processed and failed in the current simulated second, and in the last full seconds.
    var processedThisSecond: Int64 = 0
    var failedThisSecond: Int64 = 0
    var recent = RecentWork()

    init(consumer: ConsumerID, number: Int, position: Int, consumerName: String, concurrency: Int, slowness: Double) {
        self.consumer = consumer
        self.number = number
        self.position = position
        name = "\(consumerName)/\(number)"
        slots = Array(repeating: nil, count: concurrency)
        self.slowness = slowness
    }

    var isActive: Bool { life == .running }
    var exists: Bool { life != .removed }
    var freeSlot: Int? { slots.firstIndex { $0 == nil } }

    /// Running, paused or crashed; whether a running member is idle (owns no partition) is the
    /// group's to say, so `Simulation.instanceSnapshots` decides that.
    var snapshotState: InstanceSnapshot.State {
        switch life {
        case .running, .draining: .running
        case .paused: .paused
        case .crashed, .removed: .crashed
        }
    }

    /// Forgets the jobs in progress (a crash, a removal); `SimulatedConsumers.dropWork` forgets the rest.
    mutating func dropJobs() {
        for index in slots.indices { slots[index] = nil }
        busy = 0
    }
}
