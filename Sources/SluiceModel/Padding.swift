extension String {
    /// This text as a column at least `width` wide for plain listings: spaces after it, and at least one,
    /// so a long name never runs into the next column.
    public func padded(to width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
