/// A growable ring buffer of plain values (FIFO at both ends), owned by exactly one state.
struct Ring<Element: BitwiseCopyable>: ~Copyable {
    private var buffer: UnsafeMutablePointer<Element>
    private var capacity: Int
    private var head = 0
    private(set) var count = 0

    init(capacity: Int = 16) {
        self.capacity = capacity
        buffer = .allocate(capacity: capacity)
    }

    deinit { buffer.deallocate() }

    var isEmpty: Bool { count == 0 }
    var first: Element? { count > 0 ? buffer[head] : nil }
    var last: Element? { count > 0 ? self[count - 1] : nil }

    /// The element `index` places from the front.
    subscript(index: Int) -> Element {
        get { buffer[physical(index)] }
        nonmutating set { buffer[physical(index)] = newValue }
    }

    mutating func append(_ element: Element) {
        if count == capacity { grow() }
        buffer[physical(count)] = element
        count += 1
    }

    mutating func prepend(_ element: Element) {
        if count == capacity { grow() }
        head = head == 0 ? capacity - 1 : head - 1
        buffer[head] = element
        count += 1
    }

    mutating func popFirst() -> Element? {
        guard count > 0 else { return nil }
        let element = buffer[head]
        head = head + 1 == capacity ? 0 : head + 1
        count -= 1
        return element
    }

    mutating func popLast() -> Element? {
        guard count > 0 else { return nil }
        count -= 1
        return buffer[physical(count)]
    }

    /// Drops everything after the first `keep` elements.
    mutating func truncate(keepingFirst keep: Int) {
        count = min(count, max(0, keep))
    }

    var elements: [Element] { (0..<count).map { self[$0] } }

    private func physical(_ index: Int) -> Int {
        let position = head + index
        return position >= capacity ? position - capacity : position
    }

    private mutating func grow() {
        let larger = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
        for index in 0..<count { (larger + index).initialize(to: self[index]) }
        buffer.deallocate()
        buffer = larger
        head = 0
        capacity *= 2
    }
}
