import SluiceModel

/// A lesson's narrative beside the numbers, with its step.
enum LessonPanel {
    static func title(_ context: ViewContext) -> String {
        guard let lesson = context.snapshot.lesson else { return PanelID.lesson.title }
        return "Lesson · " + UntrustedText.escape(lesson.title) + " (\(lesson.stepIndex + 1)/\(lesson.stepCount))"
    }

    static func render(_ context: ViewContext, _ area: Rect, into buffer: inout Buffer) {
        guard let lesson = context.snapshot.lesson else { return }
        let text = lesson.text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { UntrustedText.escape(String($0)) }.joined(separator: "\n")
        var lines = Paragraph.wrap(text, width: area.width).map { Line($0) }
        lines = Array(lines.prefix(max(0, area.height - 1)))
        Paragraph(lines: lines).render(area, into: &buffer)
        buffer.put("{ previous step · } next step", x: area.x, y: area.maxY - 1, style: .muted, maxWidth: area.width)
    }
}
