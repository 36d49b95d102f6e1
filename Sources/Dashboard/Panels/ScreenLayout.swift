/// Where each panel goes: a grid that suits the terminal's width (panels with nothing to show left
/// out, their room to their neighbours), rows sized to what their panels hold, or the focused panel
/// alone when zoomed. A row's size follows the shape of the system (partitions, members, queues),
/// not how much has happened, so at one screen size the panels stay put as the run goes on; rows
/// left over go to the open-ended panels (the event log, an inspection).
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

    /// The grid with only `panels` in it, empty rows gone.
    static func grid(width: Int, showing panels: [PanelID]) -> [[PanelID]] {
        grid(width: width, hasLesson: panels.contains(.lesson)).map { $0.filter(panels.contains) }.filter { !$0.isEmpty }
    }

    /// How much of its row a panel takes: the partition bars, the event texts and the lesson's
    /// narrative need room more than their neighbours.
    static func weight(of panel: PanelID) -> SizeConstraint {
        switch panel {
        case .partitions, .events, .lesson: .fill(3)
        default: .fill(2)
        }
    }

    /// About how wide `panel` is drawn on a screen this wide, for panels whose height depends on it.
    static func approximateWidth(of panel: PanelID, screenWidth: Int, panels: [PanelID] = PanelID.allCases) -> Int {
        let row = grid(width: screenWidth, showing: panels).first { $0.contains(panel) } ?? [panel]
        let widths = SizeConstraint.resolve(row.map(weight(of:)), total: screenWidth)
        return max(1, row.firstIndex(of: panel).map { widths[$0] } ?? screenWidth)
    }

    /// Places `panels`; `elastic` ones take the rows nobody wants.
    static func arrange(_ area: Rect, panels: [PanelID], focus: PanelID, zoomed: Bool, elastic: Set<PanelID>,
                        wantedHeight: (PanelID) -> Int) -> [(PanelID, Rect)] {
        if zoomed, panels.contains(focus) { return [(focus, area)] }
        let grid = grid(width: area.width, showing: panels)
        let wants = grid.map { row in max(minimumRowHeight, row.map(wantedHeight).max() ?? 0) }
        let focusedRow = grid.firstIndex { $0.contains(focus) } ?? 0
        // A running lesson's narrative is what the learner reads: its row is favoured too.
        let lessonRow = grid.firstIndex { $0.contains(.lesson) }
        let favoured = [focusedRow] + (lessonRow.map { $0 == focusedRow ? [] : [$0] } ?? [])
        let open = grid.indices.filter { !elastic.isDisjoint(with: grid[$0]) }
        let heights = distribute(area.height, wants: wants, favoured: favoured, open: open)
        var placed: [(PanelID, Rect)] = []
        var top = area.y
        for (row, height) in zip(grid, heights) {
            let rect = Rect(x: area.x, y: top, width: area.width, height: height)
            top += height
            let widths: [SizeConstraint] = row.map { weight(of: $0) }
            placed += zip(row, rect.columns(widths)).map { ($0, $1) }
        }
        return placed
    }

    /// Splits `total` rows: each row gets what it wants when everything fits, and what is left goes
    /// to the `open` rows (else the favoured ones). When it does not fit, the favoured rows (the
    /// focused panel's, a lesson's) get a double share, and what a row does not need goes to the
    /// favoured rows first.
    static func distribute(_ total: Int, wants: [Int], favoured: [Int], open: [Int] = []) -> [Int] {
        guard !wants.isEmpty else { return [] }
        if wants.reduce(0, +) <= total {
            var sizes = wants
            let takers = open.isEmpty ? [favoured.first ?? 0] : open
            let spare = total - wants.reduce(0, +)
            for (position, index) in takers.enumerated() {
                sizes[index] += spare / takers.count + (position < spare % takers.count ? 1 : 0)
            }
            return sizes
        }
        let weights = wants.indices.map { favoured.contains($0) ? 2 : 1 }
        var sizes = SizeConstraint.resolve(weights.map { .fill($0) }, total: total)
        var spare = 0
        for index in sizes.indices where sizes[index] > wants[index] {
            spare += sizes[index] - wants[index]
            sizes[index] = wants[index]
        }
        let order = favoured + sizes.indices.filter { !favoured.contains($0) }
        for index in order where spare > 0 {
            let more = min(spare, wants[index] - sizes[index])
            if more > 0 { sizes[index] += more; spare -= more }
        }
        sizes[favoured.first ?? 0] += spare
        // Every row keeps a border and two lines while the screen has them: the tallest rows give way.
        while let short = sizes.indices.first(where: { sizes[$0] < min(minimumRowHeight, wants[$0]) }),
              let tallest = sizes.indices.max(by: { sizes[$0] < sizes[$1] }), sizes[tallest] > minimumRowHeight {
            sizes[short] += 1
            sizes[tallest] -= 1
        }
        return sizes
    }
}
