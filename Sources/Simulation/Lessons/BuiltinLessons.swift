internal import ScenarioTexts
public import SluiceModel

/// The lessons shipped inside the binary (`Scenarios/lessons/*.toml`).
public enum BuiltinLessons {
    /// Name and text, in file-name order.
    static let all: [(name: String, text: String)] = EmbeddedScenarios.lessons.map {
        ($0.name, String(decoding: $0.bytes, as: UTF8.self))
    }

    /// Names in teaching order (`[lesson] order`), read once; the embedded files are in name order, the
    /// fallback when one fails to load (LessonCatalogueTests fails then).
    public static let names: [String] = (try? loaded().map(\.name)) ?? all.map(\.name)

    /// The TOML text of a built-in lesson.
    public static func text(named name: String) -> String? {
        all.first { $0.name == name }?.text
    }

    /// Every built-in lesson, loaded, in teaching order (`[lesson] order`).
    public static func loaded() throws(ScenarioError) -> [(name: String, scenario: Scenario, lesson: Lesson)] {
        var lessons: [(name: String, scenario: Scenario, lesson: Lesson)] = []
        for name in all.map(\.name) {
            let scenario = try ScenarioLoader.resolve(name)
            guard let lesson = scenario.lesson else {
                throw ScenarioError(file: "Scenarios/lessons/\(name).toml", line: nil, key: "lesson",
                                    message: "missing; a file in Scenarios/lessons needs a [lesson] table")
            }
            lessons.append((name, scenario, lesson))
        }
        return lessons.sorted { ($0.lesson.order, $0.name) < ($1.lesson.order, $1.name) }
    }

    /// `sluice lessons`: one line per lesson in teaching order, its name first, then its title and teaching.
    public static func listing() throws(ScenarioError) -> String {
        let lessons = try loaded()
        let width = (lessons.map(\.name.count).max() ?? 0) + 2
        return lessons.map { entry in
            entry.name.padded(to: width) + "\(entry.lesson.title): \(entry.lesson.teaches)"
        }.joined(separator: "\n")
    }
}
