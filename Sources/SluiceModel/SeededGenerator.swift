/// A seeded xoshiro256** generator: Sluice's one source of randomness (the simulation, the broker's jitter,
/// the listener's faults, the dashboard's restart seeds, the benchmark fixtures and the tests' data).
///
/// The standard library's generator cannot be seeded, and a run must be reproducible
/// byte for byte from its seed, on every machine.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    /// Expands the seed with splitmix64, as the xoshiro authors recommend, so nearby seeds diverge.
    public init(seed: UInt64) {
        var mix = seed
        func splitmix() -> UInt64 {
            mix &+= 0x9E37_79B9_7F4A_7C15
            var z = mix
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitmix(); s1 = splitmix(); s2 = splitmix(); s3 = splitmix()
    }

    @inline(__always)
    public mutating func next() -> UInt64 {
        let result = rotate(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotate(s3, 45)
        return result
    }

    @inline(__always)
    private func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// A uniform double in [0, 1) with 53 random bits.
    @inline(__always)
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform double in (0, 1], safe to take the logarithm of.
    @inline(__always)
    public mutating func nextOpenUnit() -> Double {
        Double((next() >> 11) + 1) * 0x1.0p-53
    }

    /// True with the given probability.
    @inline(__always)
    public mutating func chance(_ probability: Double) -> Bool {
        probability > 0 && nextUnit() < probability
    }

    /// A uniform integer in 0..<bound (0 for a bound below 1), without modulo bias: the standard library's
    /// `next(upperBound:)` is Lemire's multiply-shift, drawing again on the few products that would favour
    /// low numbers.
    public mutating func nextIndex(below bound: Int) -> Int {
        bound < 1 ? 0 : Int(next(upperBound: UInt64(bound)))
    }

    /// A generator for a sub-model, derived from this one's seed stream, so adding draws in
    /// one model does not shift the numbers another model sees.
    public mutating func fork() -> SeededGenerator {
        SeededGenerator(seed: next())
    }

    /// A seed derived from a base seed and a name, so each queue gets its own reproducible stream.
    public static func seed(_ base: UInt64, mixedWith name: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a: stable across runs, unlike Hasher
        for byte in name.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return base ^ hash
    }
}
