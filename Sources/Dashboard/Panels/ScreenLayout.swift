/// Where each panel goes: a grid that suits the terminal's width, rows sized to what their panels
/// have to show (the focused panel's row first in line for spare room), or the focused panel alone
/// when zoomed.
enum ScreenLayout {
    /// Terminals at least this wide get three panels a row.
    static let wideWidth = 150
    /// No row of panels gets less: a border and two lines.
    static let minimumRowHeight = 4

    static func grid(width: Int, hasLesson: Bool) -> [[PanelID]] {
        width >= wideWidth
            ? [[.partitions, .groups], [.throughput, .retries, .queues], [.events, .inspector] + (hasLesson ? [.lesson] : [])]
            : [[.partitions, .groups], [.throughput, .retries], [.queues, .events], [.inspector] + (hasLesson ? [.lesson] : [])]
    }

    static func arrange(_ area: Rect, panels: [PanelID], focus: PanelID, zoomed: Bool,
                        wantedHeight: (PanelID) -> Int) -> [(PanelID, Rect)] {
        if zoomed, panels.contains(focus) { return [(focus, area)] }
        let grid = grid(width: area.width, hasLesson: panels.contains(.lesson))
        let wants = grid.map { row in max(minimumRowHeight, row.map(wantedHeight).max() ?? 0) }
        let focusedRow = grid.firstIndex { $0.contains(focus) } ?? 0
        let heights = distribute(area.height, wants: wants, favoured: focusedRow)
        var placed: [(PanelID, Rect)] = []
        var top = area.y
        for (row, height) in zip(grid, heights) {
            let rect = Rect(x: area.x, y: top, width: area.width, height: height)
            top += height
            let widths: [SizeConstraint] = row.map { $0 == .partitions ? .fill(3) : .fill(2) }
            placed += zip(row, rect.columns(widths)).map { ($0, $1) }
        }
        return placed
    }

    /// Splits `total` rows: each row gets what it wants when everything fits; when it does not, the
    /// favoured row (the focused panel's) gets a double share; spare rows go to the favoured row.
    static func distribute(_ total: Int, wants: [Int], favoured: Int) -> [Int] {
        guard !wants.isEmpty else { return [] }
        let weights = wants.indices.map { $0 == favoured ? 2 : 1 }
        var sizes = SizeConstraint.resolve(weights.map { .fill($0) }, total: total)
        var spare = 0
        for index in sizes.indices where sizes[index] > wants[index] {
            spare += sizes[index] - wants[index]
            sizes[index] = wants[index]
        }
        let order = [favoured] + sizes.indices.filter { $0 != favoured }
        for index in order where spare > 0 {
            let more = min(spare, wants[index] - sizes[index])
            if more > 0 { sizes[index] += more; spare -= more }
        }
        sizes[favoured] += spare
        return sizes
    }
}
