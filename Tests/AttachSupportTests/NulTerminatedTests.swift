import AttachSupport
import Testing

/// A C client's words in a lent buffer: up to the first NUL, invalid UTF-8 kept visible as U+FFFD.
@Suite struct NulTerminatedTests {
    @Test func theTextEndsAtTheFirstNul() {
        let buffer: [CChar] = Array("bad value".utf8CString) + [CChar(0x41), 0]
        #expect(String(nulTerminated: buffer) == "bad value")
        #expect(String(nulTerminated: [CChar](repeating: 0, count: 8)) == "")
        #expect(String(nulTerminated: [CChar(0x61), CChar(0x62)]) == "ab", "no NUL at all: every byte")
    }

    @Test func invalidUTF8BecomesReplacementCharacters() {
        let buffer: [CChar] = [CChar(0x61), CChar(bitPattern: 0xFF), CChar(0x62), 0]
        #expect(String(nulTerminated: buffer) == "a\u{FFFD}b")
    }
}
