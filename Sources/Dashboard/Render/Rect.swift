/// A rectangle of cells: where a panel or widget draws.
public struct Rect: Equatable, Sendable, CustomStringConvertible {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x; self.y = y; self.width = max(0, width); self.height = max(0, height)
    }

    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
    public var isEmpty: Bool { width <= 0 || height <= 0 }
    public var description: String { "(\(x),\(y) \(width)x\(height))" }

    /// The rectangle shrunk by `margin` on every side.
    public func inset(_ margin: Int) -> Rect {
        Rect(x: x + margin, y: y + margin, width: width - 2 * margin, height: height - 2 * margin)
    }

    public func intersection(_ other: Rect) -> Rect {
        let left = max(x, other.x), top = max(y, other.y)
        return Rect(x: left, y: top, width: min(maxX, other.maxX) - left, height: min(maxY, other.maxY) - top)
    }

    /// One row of this rectangle (relative to its top), empty when outside.
    public func row(_ index: Int) -> Rect {
        index >= 0 && index < height ? Rect(x: x, y: y + index, width: width, height: 1) : Rect(x: x, y: y, width: 0, height: 0)
    }

    /// A rectangle of at most `width` x `height` centred in this one.
    public func centered(width: Int, height: Int) -> Rect {
        let w = min(width, self.width), h = min(height, self.height)
        return Rect(x: x + (self.width - w) / 2, y: y + (self.height - h) / 2, width: w, height: h)
    }

    /// Splits side by side into columns sized by `constraints`.
    public func columns(_ constraints: [SizeConstraint]) -> [Rect] {
        var left = x
        return SizeConstraint.resolve(constraints, total: width).map { size in
            defer { left += size }
            return Rect(x: left, y: y, width: size, height: height)
        }
    }

    /// Splits top to bottom into rows sized by `constraints`.
    public func rows(_ constraints: [SizeConstraint]) -> [Rect] {
        var top = y
        return SizeConstraint.resolve(constraints, total: height).map { size in
            defer { top += size }
            return Rect(x: x, y: top, width: width, height: size)
        }
    }
}

/// How much of a split one part takes.
public enum SizeConstraint: Equatable, Sendable {
    /// Exactly this many cells (less if the total runs out).
    case length(Int)
    /// This percentage of the total.
    case percent(Int)
    /// A share of what the lengths and percentages leave, by weight.
    case fill(Int)

    /// Sizes that add up to `total` (when any part fills) and never go negative.
    static func resolve(_ constraints: [SizeConstraint], total: Int) -> [Int] {
        var remaining = total
        var sizes = constraints.map { constraint -> Int in
            let wanted: Int
            switch constraint {
            case .length(let n): wanted = n
            case .percent(let p): wanted = total * p / 100
            case .fill: return 0
            }
            let size = max(0, min(wanted, remaining))
            remaining -= size
            return size
        }
        let weights = constraints.map { if case .fill(let w) = $0 { max(0, w) } else { 0 } }
        let totalWeight = weights.reduce(0, +)
        guard totalWeight > 0 else { return sizes }
        var handedOut = 0
        var weightSoFar = 0
        for (index, weight) in weights.enumerated() where weight > 0 {
            weightSoFar += weight
            // Cumulative rounding so the parts add up exactly to what remains.
            let end = remaining * weightSoFar / totalWeight
            sizes[index] = end - handedOut
            handedOut = end
        }
        return sizes
    }
}
