import Dashboard
import SluiceModel
import Testing
import ThemeFiles

/// A hostile theme file is refused with its file, line and key: never a crash, never a long wait.
@Suite struct HostileThemeTests {
    /// The valid theme's eleven lines before its gradient.
    private static let colours = String(ThemeTests.valid[..<ThemeTests.valid.firstRange(of: "gradient")!.lowerBound])

    private func parse(gradient: String) -> Result<Theme, ThemeError> {
        Result { () throws(ThemeError) in try ThemeReader.parse(Self.colours + "gradient = " + gradient, name: "t", file: "t.toml") }
    }

    @Test func listsNestedPastAnyUseAreRefusedNotRecursedInto() {
        // 50,000 brackets used to overflow the stack (exit 139); depth 2 is already more than a theme needs.
        // Nine deep is valid TOML; 50,000 open brackets are where TOMLKit gives up, and says so the same way.
        let nineDeep = String(repeating: "[", count: 9) + "\"#123456\"" + String(repeating: "]", count: 9)
        for gradient in [nineDeep, String(repeating: "[", count: 50_000)] {
            guard case .failure(let error) = parse(gradient: gradient) else {
                let depth = gradient.count { $0 == "[" }
                Issue.record("a list nested \(depth) deep parsed"); continue
            }
            #expect(error.key == "gradient")
            #expect(error.line == 12)
            #expect(error.message.contains("nested more than 8 deep"))
        }
    }

    @Test func aGradientOverTwentyThousandLinesParsesWithItsLineNumbersRight() throws {
        let lines = Array(repeating: "  \"#123456\",", count: 20_000).joined(separator: "\n")
        let theme = try parse(gradient: "[\n" + lines + "\n]\ndescription = \"after\"").get()
        #expect(theme.gradient.count == 20_000)
        #expect(theme.description == "after")
        // A bad key after the long list is reported on its own line, 20,002 lines below the list's start.
        guard case .failure(let error) = parse(gradient: "[\n" + lines + "\n]\nnope = 1") else {
            Issue.record("an unknown key after the list parsed"); return
        }
        #expect(error.line == 12 + 20_002)
    }

    @Test func bracketsInsideStringsDoNotOpenOrCloseTheList() throws {
        guard case .failure(let error) = parse(gradient: "[\"#123456\", \"]\",\n \"#654321\"]") else {
            Issue.record("a list with a string \"]\" in it parsed as colours"); return
        }
        #expect(error.message.contains(#"got "]""#))
    }

    /// TOML allows no raw control character in a string: the file is refused on its line, as a scenario is;
    /// written with TOML's escapes, the same text is read (and escaped wherever it is shown).
    @Test func rawControlCharactersAreRefusedOnTheirLineAndEscapedOnesAreRead() throws {
        guard case .failure(let error) = parse(gradient: "[\"#123456\"]\ndescription = \"x\u{1b}]0;pwned\u{07}\"") else {
            Issue.record("a raw escape sequence in a description parsed"); return
        }
        #expect(error.line == 13)
        #expect(error.key == "description")
        #expect(error.message.contains("control character"))
        #expect(!error.description.contains("\u{1b}"), "the error itself carries no raw control character")
        let theme = try parse(gradient: "[\"#123456\"]\ndescription = \"x\\u001b]0;pwned\\u0007\"").get()
        #expect(theme.description == "x\u{1b}]0;pwned\u{07}")
    }

    @Test func aFileThatCannotBeReadIsListedAsBrokenWithTheReason() {
        let unreadable = ThemeError(file: "/home/u/themes/locked.toml", line: nil, key: nil, message: "cannot be read: Permission denied")
        let catalog = ThemeCatalog(builtIn: ThemeCatalog.embeddedTexts, userFiles: [], unreadable: [unreadable])
        #expect(catalog.errors == [unreadable])
        #expect(catalog.entries.last?.name == "locked")
        #expect(unreadable.description == "/home/u/themes/locked.toml: cannot be read: Permission denied")
    }
}
