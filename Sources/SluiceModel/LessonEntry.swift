/// One lesson a backend can open, as the dashboard's lesson list shows it.
public struct LessonEntry: Sendable, Equatable {
    /// What `Command.openLesson` and `sluice lesson` take: `lag-and-catch-up`.
    public var name: String
    public var title: String
    /// What the lesson teaches, in a sentence.
    public var teaches: String
    public init(name: String, title: String, teaches: String = "") {
        self.name = name; self.title = title; self.teaches = teaches
    }
}
