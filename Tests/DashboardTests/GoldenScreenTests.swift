import Dashboard
import Glibc
import SluiceModel
import Testing

/// The whole screen of the seeded demo, compared line by line with a file a person has read, so a
/// misaligned column or a cut number fails a test.
///
/// After a change to what the screen shows, regenerate the files and read the diff before
/// committing: `SLUICE_REGENERATE_GOLDEN=1 swift test --filter Golden`.
@Suite struct GoldenScreenTests {
    static let folder = String(#filePath.prefix { _ in true }.split(separator: "/", omittingEmptySubsequences: false)
        .dropLast().joined(separator: "/")) + "/Golden/"

    static var regenerating: Bool { getenv("SLUICE_REGENERATE_GOLDEN") != nil }

    /// The screen as the golden files keep it: one line a row, without the spaces at the ends of rows.
    static func text(_ buffer: Buffer) -> [String] { buffer.lines.map(\.trimmingTrailingSpaces) }

    @Test(arguments: [(80, 24), (160, 48)])
    func theDemoMatchesItsGoldenScreen(_ width: Int, _ height: Int) throws {
        // The demo, seed 42, two simulated minutes in, billing/2 paused at one minute; focus on Partitions.
        let snapshot = try SimulatedRuns.demo.get()
        let shown = Self.text(DashboardApp.view(Fixtures.state, snapshot, width: width, height: height))
        let path = Self.folder + "demo-\(width)x\(height).txt"
        if Self.regenerating {
            #expect(writeFile(path, shown.joined(separator: "\n") + "\n"), "could not write \(path)")
            return
        }
        let file = try #require(readFile(path), "no \(path): run SLUICE_REGENERATE_GOLDEN=1 swift test --filter Golden")
        let golden = file.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        #expect(golden.count == height, "\(path) has \(golden.count) rows for a \(height)-row screen")
        for (row, (expected, actual)) in zip(golden, shown).enumerated() where expected != actual {
            Issue.record("\(width)x\(height) row \(row) differs from \(path):\n  golden: \(expected)\n  now:    \(actual)")
        }
    }
}
