/// A set of Int64 kept as sorted, disjoint, non-adjacent closed ranges: offsets and sequence numbers
/// are mostly contiguous, so a set of a million processed offsets is usually a handful of ranges.
struct IntervalSet: Equatable {
    private(set) var ranges: [ClosedRange<Int64>] = []

    /// The number of members.
    var count: Int64 { ranges.reduce(0) { $0 + ($1.upperBound - $1.lowerBound + 1) } }

    /// The index of the first range whose upper bound is >= value.
    private func firstIndex(reaching value: Int64) -> Int {
        var low = 0, high = ranges.count
        while low < high {
            let mid = (low + high) / 2
            if ranges[mid].upperBound < value { low = mid + 1 } else { high = mid }
        }
        return low
    }

    func contains(_ value: Int64) -> Bool {
        let index = firstIndex(reaching: value)
        return index < ranges.count && ranges[index].lowerBound <= value
    }

    /// Inserts a value; returns false when it was already present.
    @discardableResult
    mutating func insert(_ value: Int64) -> Bool {
        // The common case: the value extends the last range.
        if let last = ranges.last {
            if value == last.upperBound + 1 {
                ranges[ranges.count - 1] = last.lowerBound...value
                return true
            }
            if value > last.upperBound + 1 { ranges.append(value...value); return true }
        } else {
            ranges.append(value...value)
            return true
        }
        let index = firstIndex(reaching: value)
        if index < ranges.count && ranges[index].lowerBound <= value { return false }
        let joinsNext = index < ranges.count && ranges[index].lowerBound == value + 1
        let joinsPrevious = index > 0 && ranges[index - 1].upperBound == value - 1
        switch (joinsPrevious, joinsNext) {
        case (true, true):
            ranges[index - 1] = ranges[index - 1].lowerBound...ranges[index].upperBound
            ranges.remove(at: index)
        case (true, false):
            ranges[index - 1] = ranges[index - 1].lowerBound...value
        case (false, true):
            ranges[index] = value...ranges[index].upperBound
        case (false, false):
            ranges.insert(value...value, at: index)
        }
        return true
    }

    /// Inserts every value of a range (a seek skipping records on purpose).
    mutating func insert(contentsOf range: Range<Int64>) {
        guard !range.isEmpty else { return }
        let low = range.lowerBound, high = range.upperBound - 1
        let first = firstIndex(reaching: low - 1)
        var last = first
        while last < ranges.count && ranges[last].lowerBound <= high + 1 { last += 1 }
        let merged = (first < last ? min(low, ranges[first].lowerBound) : low)...(first < last ? max(high, ranges[last - 1].upperBound) : high)
        ranges.replaceSubrange(first..<last, with: [merged])
    }

    /// How many values in `lower..<upper` are not members.
    func missing(in lower: Int64, _ upper: Int64) -> Int64 {
        guard upper > lower else { return 0 }
        var present: Int64 = 0
        var index = firstIndex(reaching: lower)
        while index < ranges.count && ranges[index].lowerBound < upper {
            let from = max(lower, ranges[index].lowerBound)
            let to = min(upper - 1, ranges[index].upperBound)
            if to >= from { present += to - from + 1 }
            index += 1
        }
        return (upper - lower) - present
    }
}

extension IntervalSet {
    /// The smallest value at or above `start` that is not a member.
    func firstMissing(from start: Int64) -> Int64 {
        var candidate = start
        for range in ranges where range.upperBound >= candidate {
            guard range.lowerBound <= candidate else { break }
            candidate = range.upperBound + 1
        }
        return candidate
    }
}
