import SluiceModel

/// A lesson's narrative beside the numbers: the step's text, when it fires, what the lesson
/// teaches, and the keys that move through it.
enum LessonPanel {
    static let keysHint = "n/N steps · L lessons · e explain"

    static func title(_ context: ViewContext) -> String {
        guard let lesson = context.snapshot.lesson else { return PanelID.lesson.title }
        return "Lesson · " + UntrustedText.escape(lesson.title) + " · step \(lesson.stepIndex + 1)/\(lesson.stepCount)"
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
        guard let lesson = context.snapshot.lesson, area.height > 0 else { return }
        let body = Paragraph(lines: Array(lines(lesson, width: area.width).prefix(max(0, area.height - 1))))
        body.render(Rect(x: area.x, y: area.y, width: area.width, height: area.height - 1), into: &buffer)
        buffer.put(keysHint, x: area.x, y: area.maxY - 1, style: .accent, maxWidth: area.width)
    }
}
