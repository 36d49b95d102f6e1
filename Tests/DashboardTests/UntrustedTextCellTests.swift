import Dashboard
import Testing

/// Escaped text lands in cells as it should, and odd widths never break alignment.
@Suite struct UntrustedTextCellTests {
    @Test func wideCharactersTakeTwoCellsAndKeepColumnsAligned() {
        var buffer = Buffer(width: 12, height: 2)
        let used = buffer.put("注文x", x: 0, y: 0, style: .plain)
        buffer.put("abcde|", x: 0, y: 1, style: .plain)
        #expect(used == 5)
        #expect(buffer.isWide(x: 0, y: 0))
        #expect(buffer.text(x: 1, y: 0) == "")
        #expect(buffer.text(x: 4, y: 0) == "x")
        #expect(buffer.line(0) == "注文x       ")
        #expect(CharacterWidth.of(buffer.line(0)) == 12)
    }

    @Test func combiningMarksStayWithTheirLetter() {
        var buffer = Buffer(width: 6, height: 1)
        let decomposed = "e\u{301}x"
        #expect(CharacterWidth.of(decomposed) == 2)
        #expect(buffer.put(decomposed, x: 0, y: 0, style: .plain) == 2)
        #expect(buffer.text(x: 0, y: 0) == "e\u{301}")
        #expect(buffer.text(x: 1, y: 0) == "x")
        // A lone combining mark or a zero-width space takes no cell at all.
        #expect(buffer.put("\u{301}\u{200B}y", x: 2, y: 0, style: .plain) == 1)
        #expect(buffer.text(x: 2, y: 0) == "y")
    }

    @Test func aWideCharacterThatDoesNotFitLeavesABlank() {
        var buffer = Buffer(width: 3, height: 1)
        #expect(buffer.put("ab注", x: 0, y: 0, style: .plain) == 3)
        #expect(buffer.line(0) == "ab ")
    }

    @Test func overwritingHalfAWideCharacterClearsTheOtherHalf() {
        var buffer = Buffer(width: 4, height: 1)
        buffer.put("注文", x: 0, y: 0, style: .plain)
        buffer.put("z", x: 1, y: 0, style: .plain)
        #expect(buffer.line(0) == " z文")
        buffer.put("q", x: 2, y: 0, style: .plain)
        #expect(buffer.line(0) == " zq ")
    }

    @Test func controlCharactersThatSlipPastEscapingNeverReachACell() {
        var buffer = Buffer(width: 8, height: 1)
        buffer.put("a\u{1b}b\u{9b}c", x: 0, y: 0, style: .plain)
        #expect(!buffer.line(0).unicodeScalars.contains { $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) })
    }

    @Test func escapedPayloadsRenderWithoutRawControlsInTheInspector() {
        var state = Fixtures.state(focus: .inspector, on: .message(1), Fixtures.inspecting)
        state.inspectorDetail = true
        let buffer = Fixtures.render(state, Fixtures.inspecting, width: 160, height: 48)
        #expect(buffer.contains("\\x1b[2J"))
        #expect(buffer.contains("hi\\xff\\x9b\\n"))
        for line in buffer.lines {
            #expect(!line.unicodeScalars.contains { $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) })
        }
    }
}

/// Cell widths agree with what every terminal draws, even for emoji sequences terminals disagree on.
@Suite struct EmojiSequenceWidthTests {
    static let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}"

    @Test func aJoinedFamilyIsDrawnAsItsThreePartsSoNoTerminalDrawsItWiderThanTheBuffer() {
        var buffer = Buffer(width: 10, height: 1)
        let used = buffer.put(Self.family + "|", x: 0, y: 0, style: .plain)
        // Six columns on a terminal that joins nothing, and six on one that would have joined it,
        // because no joiner reaches the terminal.
        #expect(used == 7)
        #expect(CharacterWidth.of(Self.family + "|") == 7)
        #expect(buffer.text(x: 0, y: 0) == "\u{1F468}" && buffer.text(x: 2, y: 0) == "\u{1F469}")
        #expect(buffer.text(x: 4, y: 0) == "\u{1F467}" && buffer.text(x: 6, y: 0) == "|")
        #expect(!buffer.line(0).unicodeScalars.contains { $0.value == 0x200D })
    }

    @Test func aSkinToneModifierIsDroppedRatherThanDrawnAtAWidthTerminalsDisagreeOn() {
        var buffer = Buffer(width: 4, height: 1)
        #expect(buffer.put("\u{1F44D}\u{1F3FD}|", x: 0, y: 0, style: .plain) == 3)
        #expect(buffer.line(0) == "\u{1F44D}| ")
    }

    @Test func clustersTerminalsAgreeOnStayWhole() {
        #expect(CharacterWidth.replacement(for: "e\u{301}") == nil)
        #expect(CharacterWidth.replacement(for: "\u{1F1EB}\u{1F1F7}") == nil)
        #expect(CharacterWidth.replacement(for: "\u{2764}\u{FE0F}") == nil)
    }

    @Test func aVeryLongNameIsCutAtItsColumnAndLeavesNothingBeyond() {
        // 100,000 characters of mixed widths: wide, combining, joined, plain.
        let unit = "注e\u{301}" + Self.family + "a"
        let name = String(repeating: unit, count: 100_000 / 4)
        var buffer = Buffer(width: 30, height: 2)
        buffer.put(String(repeating: "-", count: 30), x: 0, y: 1, style: .plain)
        let used = buffer.put(name, x: 2, y: 0, style: .plain, maxWidth: 20)
        #expect(used <= 20)
        #expect(buffer.line(0).hasPrefix("  注é"))
        #expect(CharacterWidth.of(buffer.line(0)) == 30)
        #expect(buffer.line(0).hasSuffix(String(repeating: " ", count: 8)))
        #expect(buffer.line(1) == String(repeating: "-", count: 30))
    }
}
