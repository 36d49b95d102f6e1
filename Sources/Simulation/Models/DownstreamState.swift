import SluiceModel

/// A dependency consumers call: up or down (scheduled outages, manual ones), failing at random,
/// guarded by an optional circuit breaker.
struct DownstreamState {
    let spec: DownstreamSpec
    /// Scheduled outages in progress (they may overlap).
    var activeOutages = 0
    /// Set by a fault or a dashboard command.
    var manualOutage = false
    var breaker: CircuitBreaker?
    var calls: Int64 = 0
    var failedCalls: Int64 = 0

    init(spec: DownstreamSpec) {
        self.spec = spec
        breaker = spec.breaker.map(CircuitBreaker.init)
    }

    var isUp: Bool { activeOutages == 0 && !manualOutage }

    var snapshot: BreakerSnapshot {
        BreakerSnapshot(name: spec.name, state: breaker?.state ?? .closed, failureRate: breaker?.failureRate() ?? 0,
                        rejectedCalls: breaker?.rejectedCalls ?? 0, downstreamUp: isUp)
    }
}
