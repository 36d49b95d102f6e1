public import SluiceModel

/// A FIFO station with identical servers (M/M/c when arrivals are Poisson and service exponential),
/// run on the same event queue, generator and statistics as the full simulation but without a broker.
///
/// It is the fast path for the `sim-mm1` benchmark and the reference the broker-backed runs are
/// checked against: both must agree with queueing theory.
public struct StationModel: Sendable {
    public var arrivals: ArrivalPattern
    /// Customers per second.
    public var rate: Double
    public var service: DurationDistribution
    public var servers: Int
    /// Customers arriving before this are not counted; time averages start here.
    public var warmup: Nanos

    public init(arrivals: ArrivalPattern = .poisson, rate: Double, service: DurationDistribution, servers: Int = 1,
                warmup: Nanos = 0) {
        self.arrivals = arrivals; self.rate = rate; self.service = service; self.servers = max(1, servers)
        self.warmup = warmup
    }

    /// An M/M/c station: Poisson arrivals at `lambda`, exponential service at `mu` per server.
    public static func markovian(lambda: Double, mu: Double, servers: Int = 1, warmup: Nanos = 0) -> StationModel {
        StationModel(rate: lambda, service: .exponential(mean: Nanos((1e9 / mu).rounded())), servers: servers, warmup: warmup)
    }

    private enum Event {
        case arrival
        /// A departure carries its customer's arrival time: with several servers, customers leave out of order.
        case departure(arrival: Nanos, counted: Bool)
    }

    /// Simulates until `customers` have arrived after the warm-up and left, with the given seed.
    public func run(customers: Int, seed: UInt64) -> StationStatistics {
        run(seed: seed, customers: customers, horizon: nil)
    }

    /// Simulates up to simulated time `horizon`, with the given seed.
    ///
    /// Draws come from the same forked streams, in the same order, as a `Simulation` of one producer
    /// feeding one queue read by one consumer: that run must give exactly these numbers.
    public func run(until horizon: Nanos, seed: UInt64) -> StationStatistics {
        run(seed: seed, customers: nil, horizon: horizon)
    }

    private func run(seed: UInt64, customers: Int?, horizon: Nanos?) -> StationStatistics {
        var master = SeededGenerator(seed: seed)
        var arrivalRandom = master.fork()
        var serviceRandom = master.fork()
        var events = EventQueue<Event>()
        var line = Ring<(arrival: Nanos, counted: Bool)>()
        var busy = 0
        var stats = StationStatistics(servers: servers)
        var inSystem = TimeWeightedMean(), waiting = TimeWeightedMean(), busyServers = TimeWeightedMean()
        var windowOpen = warmup == 0
        var counted = 0
        var now: Nanos = 0
        let limit = customers ?? Int.max
        let end = horizon ?? Nanos.max

        if let first = arrivals.nextArrival(after: 0, rate: rate, using: &arrivalRandom), first <= end {
            events.schedule(.arrival, at: first)
        }
        while let nextTime = events.nextTime, nextTime <= end, let (time, event) = events.popNext() {
            now = time
            if !windowOpen && now >= warmup {
                windowOpen = true
                inSystem.restartWindow(at: warmup); waiting.restartWindow(at: warmup); busyServers.restartWindow(at: warmup)
            }
            switch event {
            case .arrival:
                if windowOpen { counted += 1 }
                if counted < limit, let next = arrivals.nextArrival(after: now, rate: rate, using: &arrivalRandom),
                   next <= end {
                    events.schedule(.arrival, at: next)
                }
                if busy < servers {
                    busy += 1
                    if windowOpen { stats.waits.add(0) }
                    events.schedule(.departure(arrival: now, counted: windowOpen),
                                    at: now + service.sample(using: &serviceRandom))
                } else {
                    line.append((now, windowOpen))
                }
            case .departure(let arrival, let wasCounted):
                if wasCounted {
                    stats.sojourns.add(Double(now - arrival) / 1e9)
                    stats.departures += 1
                }
                if let next = line.popFirst() {
                    if next.counted { stats.waits.add(Double(now - next.arrival) / 1e9) }
                    events.schedule(.departure(arrival: next.arrival, counted: next.counted),
                                    at: now + service.sample(using: &serviceRandom))
                } else {
                    busy -= 1
                }
            }
            stats.events += 1
            inSystem.set(Double(busy + line.count), at: now)
            waiting.set(Double(line.count), at: now)
            busyServers.set(Double(busy), at: now)
            if counted >= limit && stats.departures >= Int64(counted) { break }
        }
        if let horizon { now = max(now, horizon) }
        stats.customers = counted
        stats.window = Double(now - warmup) / 1e9
        stats.meanInSystem = inSystem.mean(until: now)
        stats.meanQueueLength = waiting.mean(until: now)
        stats.utilization = busyServers.mean(until: now) / Double(servers)
        return stats
    }
}

/// What a station run measured after warm-up.
public struct StationStatistics: Sendable {
    public var servers: Int
    public var customers = 0
    public var departures: Int64 = 0
    public var events = 0
    /// Arrival to service start, seconds.
    public var waits = RunningMean()
    /// Arrival to departure, seconds.
    public var sojourns = RunningMean()
    public var meanQueueLength = 0.0
    public var meanInSystem = 0.0
    public var utilization = 0.0
    /// Observed seconds of simulated time.
    public var window = 0.0

    public init(servers: Int) { self.servers = servers }

    public var meanWait: Double { waits.mean }
    public var meanSojourn: Double { sojourns.mean }
    public var throughput: Double { window > 0 ? Double(departures) / window : 0 }
}
