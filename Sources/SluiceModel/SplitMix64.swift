/// A small seeded random number generator (SplitMix64), the same on every machine: the broker's
/// jitter, the dashboard's restart seeds and the benchmark fixtures all draw from it.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in 0..<bound (0 for a bound below 1), every one equally likely: Lemire's multiply-shift,
    /// drawing again on the few products that would favour low numbers (a plain `%` did: with a bound of
    /// 3 * 2^61, the lower half came up 56% of the time).
    public mutating func below(_ bound: Int) -> Int {
        let range = UInt64(Swift.max(1, bound))
        var product = next().multipliedFullWidth(by: range)
        if product.low < range {
            // 2^64 mod range: the products whose low half falls under this are the surplus ones.
            let surplus = (0 &- range) % range
            while product.low < surplus { product = next().multipliedFullWidth(by: range) }
        }
        return Int(product.high)
    }

    /// A number in 0..<1.
    public mutating func unit() -> Double { Double(next() >> 11) / Double(UInt64(1) << 53) }

    /// A seed derived from a base seed and a name, so each queue gets its own reproducible stream.
    public static func seed(_ base: UInt64, mixedWith name: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a: stable across runs, unlike Hasher
        for byte in name.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return base ^ hash
    }
}
