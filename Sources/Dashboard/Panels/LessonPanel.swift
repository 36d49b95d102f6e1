import SluiceModel

/// A lesson's narrative beside the numbers (the step's text, when it fires, what the lesson
/// teaches, the keys that move through it) and its checks live: each expectation with the value the
/// run gives now and whether it holds; once the run ends, the results.
enum LessonPanel {
    static let keysHint = "n/N steps · L lessons · e explain"

    static func title(_ context: ViewContext) -> String {
        let snapshot = context.snapshot
        let results = snapshot.clock.finished && !snapshot.checks.isEmpty
        guard let lesson = snapshot.lesson else { return results ? "Results" : "Checks" }
        return (results ? "Results · " : "Lesson · ") + UntrustedText.escape(lesson.title)
            + " · step \(lesson.stepIndex + 1)/\(lesson.stepCount)"
    }

    /// Everything the panel shows at `width`, without the keys hint: the lesson, then the checks.
    static func lines(_ snapshot: SystemSnapshot, width: Int) -> [Line] {
        var lines: [Line] = []
        if snapshot.clock.finished, !snapshot.checks.isEmpty { lines += checkLines(snapshot, width: width) }
        if let lesson = snapshot.lesson { lines += self.lines(lesson, width: width) }
        if !snapshot.clock.finished, !snapshot.checks.isEmpty { lines += checkLines(snapshot, width: width) }
        return lines
    }

    /// `checks, live: 3 of 5 hold` (or `results: ...` once the run ended), then a line each:
    /// a mark, the expectation, and what the run gives now.
    static func checkLines(_ snapshot: SystemSnapshot, width: Int) -> [Line] {
        let held = snapshot.checks.filter(\.holds).count
        let finished = snapshot.clock.finished
        let heading = (finished ? "results: " : "checks, live: ") + "\(held) of \(snapshot.checks.count) hold"
        var lines = [Line(heading, finished ? Style(held == snapshot.checks.count ? .ok : .error, attributes: .bold)
                                            : Style(.title, attributes: .bold))]
        for check in snapshot.checks {
            let now = "now " + (check.actual.map(Format.number) ?? "missing")
                + (check.referenceValue.map { ", other " + Format.number($0) } ?? "")
            let mark = check.holds ? "✓ " : "✗ "
            let text = mark + UntrustedText.escape(check.text) + "  " + now
            lines += Paragraph.wrap(text, width: max(1, width)).map { Line($0, check.holds ? .ok : finished ? .error : .warn) }
        }
        return lines
    }

    /// The panel's lines at `width`, without the keys hint.
    static func lines(_ lesson: LessonSnapshot, width: Int) -> [Line] {
        var lines: [Line] = []
        let condition = UntrustedText.escape(lesson.condition)
        var text = lesson.text
        // A step still ahead carries its condition in its text too; the condition line says it already.
        let notYet = "(not yet: " + lesson.condition + ") "
        if !lesson.condition.isEmpty, text.hasPrefix(notYet) { text.removeFirst(notYet.count) }
        let escaped = text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { UntrustedText.escape(String($0)) }.joined(separator: "\n")
        let status = if let firedAt = lesson.firedAt {
            "fired at " + Format.clock(firedAt) + (condition.isEmpty ? "" : " (" + condition + ")")
        } else {
            "not yet" + (condition.isEmpty ? "" : ": fires " + condition)
        }
        let statusStyle: Style = lesson.firedAt == nil ? Style(.warn, attributes: .bold) : .ok
        lines += Paragraph.wrap(status, width: width).map { Line($0, statusStyle) }
        lines += Paragraph.wrap(escaped, width: width).map { Line($0, Style(.foreground, attributes: .bold)) }
        if !lesson.teaches.isEmpty {
            lines.append(Line(""))
            let teaches = Paragraph.wrap("Teaches: " + UntrustedText.escape(lesson.teaches), width: width)
            lines += teaches.map { Line($0, .muted) }
        }
        lines.append(Line("\(lesson.reached) of \(lesson.stepCount) steps reached", .muted))
        return lines
    }

    static func render(_ context: ViewContext, _ area: Rect, into buffer: inout Buffer) {
        guard area.height > 0 else { return }
        let body = Paragraph(lines: Array(lines(context.snapshot, width: area.width).prefix(max(0, area.height - 1))))
        body.render(Rect(x: area.x, y: area.y, width: area.width, height: area.height - 1), into: &buffer)
        buffer.put(context.snapshot.lesson == nil ? "e explain · S run again" : keysHint,
                   x: area.x, y: area.maxY - 1, style: .accent, maxWidth: area.width)
    }
}
