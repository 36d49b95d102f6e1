extension Array {
    /// The element numbered `number` (a partition by its index): snapshots list partitions in order, so it
    /// is usually at that position and found without a search; otherwise it is searched for.
    func numbered(_ number: Int, by numberOf: (Element) -> Int) -> Element? {
        if indices.contains(number), numberOf(self[number]) == number { return self[number] }
        return first { numberOf($0) == number }
    }
}
