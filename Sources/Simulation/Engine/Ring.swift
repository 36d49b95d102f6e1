/// A first-in first-out buffer on a power-of-two ring: pushes and pops never shift elements.
struct Ring<Element> {
    private var slots: [Element?] = Array(repeating: nil, count: 16)
    private var head = 0
    private(set) var count = 0

    init() {}

    var isEmpty: Bool { count == 0 }
    var first: Element? { count == 0 ? nil : slots[head] }

    @inline(__always)
    mutating func append(_ element: Element) {
        if count == slots.count { grow() }
        slots[(head + count) & (slots.count - 1)] = element
        count += 1
    }

    @inline(__always)
    mutating func popFirst() -> Element? {
        guard count > 0 else { return nil }
        let element = slots[head]
        slots[head] = nil
        head = (head + 1) & (slots.count - 1)
        count -= 1
        return element
    }

    mutating func removeAll() {
        while popFirst() != nil {}
        head = 0
    }

    /// The elements, oldest first.
    var elements: [Element] { (0..<count).compactMap { slots[(head + $0) & (slots.count - 1)] } }

    private mutating func grow() {
        var bigger = [Element?](repeating: nil, count: slots.count * 2)
        for index in 0..<count { bigger[index] = slots[(head + index) & (slots.count - 1)] }
        slots = bigger
        head = 0
    }
}
