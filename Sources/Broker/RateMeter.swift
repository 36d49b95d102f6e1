import SluiceModel

/// Events per second over a sliding window of the injected clock, kept in fixed time slots.
struct RateMeter {
    private static let slotWidth: Nanos = 250 * NanosPerUnit.millisecond
    private static let slotCount = 20  // a 5-second window

    private var slots = [Int64](repeating: 0, count: RateMeter.slotCount)
    private var currentSlot: Int64
    private let startedAt: Nanos

    init(now: Nanos) {
        startedAt = now
        currentSlot = now / Self.slotWidth
    }

    mutating func record(_ count: Int, at now: Nanos) {
        let slot = now / Self.slotWidth
        if slot > currentSlot {
            let stale = min(slot - currentSlot, Int64(Self.slotCount))
            for step in 1...stale {
                slots[Int((currentSlot + step) % Int64(Self.slotCount))] = 0
            }
            currentSlot = slot
        }
        slots[Int(currentSlot % Int64(Self.slotCount))] += Int64(count)
    }

    /// The rate over the window that ends at `now` (shorter while the meter is younger than the window).
    func perSecond(at now: Nanos) -> Double {
        let slot = now / Self.slotWidth
        let oldestSlot = max(slot - Int64(Self.slotCount) + 1, currentSlot - Int64(Self.slotCount) + 1,
                             startedAt / Self.slotWidth)
        var total: Int64 = 0
        if oldestSlot <= currentSlot {
            for s in oldestSlot...min(slot, currentSlot) {
                total += slots[Int(s % Int64(Self.slotCount))]
            }
        }
        let windowStart = max((slot - Int64(Self.slotCount) + 1) * Self.slotWidth, startedAt)
        let duration = now - windowStart
        guard duration > 0 else { return 0 }
        return Double(total) * Double(NanosPerUnit.second) / Double(duration)
    }
}
