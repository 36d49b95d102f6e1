/// Where each panel goes: a grid that suits the terminal's width, the focused panel's row taller,
/// or the focused panel alone when zoomed.
enum ScreenLayout {
    /// Terminals at least this wide get three panels a row.
    static let wideWidth = 150

    static func arrange(_ area: Rect, panels: [PanelID], focus: PanelID, zoomed: Bool) -> [(PanelID, Rect)] {
        if zoomed, panels.contains(focus) { return [(focus, area)] }
        let hasLesson = panels.contains(.lesson)
        let grid: [[PanelID]] = area.width >= wideWidth
            ? [[.partitions, .groups], [.throughput, .retries, .queues], [.events, .inspector] + (hasLesson ? [.lesson] : [])]
            : [[.partitions, .groups], [.throughput, .retries], [.queues, .events], [.inspector] + (hasLesson ? [.lesson] : [])]
        let weights = grid.map { row in row.contains(focus) ? 2 : 1 }
        let rows = area.rows(weights.map { .fill($0) })
        var placed: [(PanelID, Rect)] = []
        for (row, rect) in zip(grid, rows) {
            let widths: [SizeConstraint] = row.map { $0 == .partitions ? .fill(3) : .fill(2) }
            placed += zip(row, rect.columns(widths)).map { ($0, $1) }
        }
        return placed
    }
}
