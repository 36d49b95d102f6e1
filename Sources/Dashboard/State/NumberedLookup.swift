extension Array {
    /// The element numbered `number` (a partition by its index): snapshots list partitions in order, so it
    /// is usually at that position and found without a search; otherwise it is searched for.
    func numbered(_ number: Int, by numberOf: (Element) -> Int) -> Element? {
        if indices.contains(number), numberOf(self[number]) == number { return self[number] }
        return first { numberOf($0) == number }
    }
}

extension Array {
    /// The first element from `cursor` on (going round to the start) that matches; the cursor then
    /// points past it. Rows ask for their instances and members in about the order the snapshot lists
    /// them, so a screen of rows costs about a screen of comparisons, however long the list.
    func search(from cursor: inout Int, where matches: (Element) -> Bool) -> Element? {
        guard !isEmpty else { return nil }
        let start = cursor % count
        for step in 0..<count {
            let index = (start + step) % count
            if matches(self[index]) {
                cursor = index + 1
                return self[index]
            }
        }
        return nil
    }
}
