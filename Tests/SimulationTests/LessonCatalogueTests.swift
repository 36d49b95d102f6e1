import Foundation
import Testing
import SluiceModel
@testable import Simulation

/// Every built-in lesson runs headless and its `[expect]` holds: a lesson that stops showing what it
/// claims is a failing test.
@Suite struct LessonCatalogueTests {
    /// Scenarios/lessons/ next to Package.swift, found from this file's path.
    private static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Scenarios").appendingPathComponent("lessons")

    @Test(arguments: BuiltinLessons.names)
    func lessonMeetsItsExpectations(name: String) throws {
        let scenario = try ScenarioLoader.resolve(name)
        var problems: [String] = []
        let outcome = try HeadlessRun.run(scenario, options: .init(), format: .json, output: { _ in },
                                          problems: { problems.append($0) })
        #expect(outcome.exitCode == 0, "\(name): \(problems)")
        #expect(outcome.violation == nil)
        #expect(scenario.expectations.count >= 2, "\(name) proves too little")
    }

    @Test func embeddedTextsEqualTheLessonFiles() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path)
            .filter { $0.hasSuffix(".toml") }.sorted()
        #expect(files.map { String($0.dropLast(5)) } == BuiltinLessons.names.sorted(),
                "name every lesson file in Scenarios/EmbeddedScenarios.swift")
        for file in files {
            let text = try String(contentsOf: Self.directory.appendingPathComponent(file), encoding: .utf8)
            #expect(BuiltinLessons.text(named: String(file.dropLast(5))) == text,
                    "\(file) differs from what the binary carries")
        }
    }

    @Test func catalogueIsOrderedNamedAndComplete() throws {
        let lessons = try BuiltinLessons.loaded()
        for entry in lessons {
            #expect(entry.scenario.name == entry.name, "a lesson is named after its file")
            #expect(!entry.scenario.description.isEmpty)
            #expect(!entry.lesson.steps.isEmpty)
            #expect(!BuiltinScenarios.names.contains(entry.name), "\(entry.name) is also a scenario name: one would hide the other")
        }
        // The teaching order, read from the files' own `order = N` lines rather than through the
        // loader: positions 1, 2, 3... each once, and the catalogue, its names and the listing follow it.
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path).filter { $0.hasSuffix(".toml") }
        var positions: [(order: Int, name: String)] = []
        for file in files {
            let text = try String(contentsOf: Self.directory.appendingPathComponent(file), encoding: .utf8)
            let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("order = ") }, "\(file) has no order")
            positions.append((try #require(Int(line.dropFirst("order = ".count).prefix { $0.isNumber })), String(file.dropLast(5))))
        }
        #expect(positions.map(\.order).sorted() == Array(1...positions.count), "teaching positions run 1...\(positions.count), once each")
        let teachingOrder = positions.sorted { $0.order < $1.order }.map(\.name)
        #expect(lessons.map(\.name) == teachingOrder)
        #expect(BuiltinLessons.names == teachingOrder)
    }

    @Test func listingPutsTheNameFirstInTeachingOrder() throws {
        let lines = try BuiltinLessons.listing().split(separator: "\n").map(String.init)
        let lessons = try BuiltinLessons.loaded()
        #expect(lines.count == lessons.count)
        for (line, entry) in zip(lines, lessons) {
            #expect(line.hasPrefix(entry.name + " "))
            #expect(line.contains(entry.lesson.title))
        }
    }
}
