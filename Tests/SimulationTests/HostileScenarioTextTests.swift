import Foundation
import SluiceModel
import Testing
@testable import Simulation

/// Text in a scenario file that would act on a terminal, or be silently changed, is refused or escaped.
@Suite struct HostileScenarioTextTests {
    private static let header = """
    [scenario]
    name = "t"
    duration = "2s"

    """

    private func failure(_ text: String) -> ScenarioError? {
        do { _ = try ScenarioLoader.parse(Self.header + text, file: "t.toml"); return nil } catch { return error }
    }

    @Test(arguments: [#"\u0000"#, #"\U00000000"#])
    func aNulEscapeInAStringIsRefusedWithFileLineAndKey(escape: String) {
        let error = failure("[[queue]]\nname = \"q\"\n\n[[producer]]\nname = \"ab\(escape)cd\"\ntarget = \"q\"\nrate = 1.0\n")
        #expect(error?.description == #"t.toml:8: producer.name: expected text without a NUL character (\u0000)"#)
    }

    @Test func aNulEscapeInAMultilineStepTextIsRefusedToo() {
        let error = failure("[lesson]\ntitle = \"t\"\nteaches = \"t\"\n\n[[step]]\nat = \"0s\"\ntext = \"\"\"\nfirst\nsecond\\u0000\n\"\"\"\n")
        #expect(error?.line == 12)
        #expect(error?.key == "step.text")
    }

    @Test func anEscapedBackslashBeforeU0000IsPlainText() throws {
        let scenario = try ScenarioLoader.parse(Self.header.replacingOccurrences(of: #"name = "t""#, with: #"name = "a\\u0000""#),
                                                file: "t.toml")
        #expect(scenario.name == #"a\u0000"#)
    }

    @Test func aFileThatIsNotUTF8NamesTheLineOfItsFirstBadByte() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sluice-invalid-\(getpid()).toml").path
        try Data("[scenario]\nname = \"a".utf8 + [0x9B, 0xFF] + Data("\"\n".utf8)).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: ScenarioError(file: path, line: 2, key: nil, message: "expected UTF-8 text")) {
            try ScenarioLoader.load(path: path)
        }
    }

    @Test func aKeyOfFiftyThousandDottedPartsIsRefusedBeforeTheParserRecursesIntoIt() {
        // The TOML parser's stack overflowed on this (exit 139); 64 parts are more than any scenario needs.
        let error = failure(String(repeating: "a.", count: 50_000) + "b = 1\n")
        #expect(error?.description == "t.toml:4: expected a key of at most 64 dotted parts, got one of 50001")
        // Full stops in values and in multi-line prose are not keys.
        let prose = String(repeating: "Wait. ", count: 80)
        #expect(failure("[[queue]]\nname = \"q\"\n[lesson]\ntitle = \"\(prose)\"\nteaches = \"\"\"\n\(prose)\n\"\"\"\n")?
            .message.contains("dotted parts") != true)
    }

    @Test func theJSONSummaryEscapesEveryScalarTheTerminalWouldActOnOrHide() {
        var out = ""
        JSONText.quote("a\u{1B}]0;x\u{07}\u{7F}\u{9B}\u{202E}\u{200D}\u{E0041}é", into: &out)
        #expect(out == #""a\u001b]0;x\u0007\u007f\u009b\u202e\u200d\udb40\udc41é""#)
    }
}
