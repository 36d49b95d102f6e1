import CNcurses
import Dashboard
import Glibc

/// One ncurses session: set-up and tear-down, the terminal's size, flushing the difference between
/// frames, and reading keys. The only place that draws.
final class Screen {
    private let window: UnsafeMutablePointer<WINDOW>
    private var colors: ColorPairs
    private var previous: Buffer?
    private var stopped = false
    /// Text bytes handed to ncurses so far (cursor moves and colour changes not counted).
    private(set) var textBytesWritten = 0
    private(set) var framesDrawn = 0
    let depth: ColorDepth
    /// Whether the locale (before any fallback) was UTF-8; if not, draw with ASCII.
    let localeIsUTF8: Bool

    init(theme: Theme, environment: [String: String]) throws(DashboardError) {
        localeIsUTF8 = Self.prepareLocale()
        guard isatty(STDIN_FILENO) != 0, isatty(STDOUT_FILENO) != 0 else { throw .notATerminal }
        guard let screen = sluice_newterm() else {
            throw .terminal("cannot open the terminal (TERM=\(environment["TERM"] ?? "unset"))")
        }
        set_term(screen)
        // A terminal that cannot move its cursor (TERM=dumb) would show one frame and then nothing.
        guard Self.canAddressCursor() else {
            endwin()
            delscreen(screen)
            throw .terminal("the dashboard needs a terminal that can move its cursor, and TERM=\(environment["TERM"] ?? "unset") "
                            + "cannot; use a real terminal type such as TERM=xterm-256color")
        }
        guard let window = sluice_stdscr() else { endwin(); throw .terminal("ncurses has no screen") }
        self.window = window
        cbreak()
        noecho()
        nonl()
        keypad(window, true)
        curs_set(0)
        set_escdelay(25)
        let depth = ColorPairs.detectDepth(environment: environment)
        self.depth = depth
        colors = ColorPairs(theme: theme, depth: depth)
    }

    /// Whether the terminal description has cursor addressing (`cup`); ncurses marks a missing
    /// capability with a null pointer and a wrong name with (char *)-1.
    static func canAddressCursor() -> Bool {
        guard let capability = tigetstr("cup") else { return false }
        return Int(bitPattern: capability) != -1
    }

    /// Sets the locale from the environment so ncursesw handles wide characters; falls back to
    /// C.UTF-8 when the environment's is not UTF-8. Returns whether the environment's was.
    static func prepareLocale() -> Bool {
        setlocale(LC_ALL, "")
        if codesetIsUTF8() { return true }
        setlocale(LC_ALL, "C.UTF-8")
        return false
    }

    static func codesetIsUTF8() -> Bool {
        guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
        let name = String(cString: codeset).uppercased()
        return name == "UTF-8" || name == "UTF8"
    }

    var size: (width: Int, height: Int) {
        var height: Int32 = 0, width: Int32 = 0
        sluice_getmaxyx(window, &height, &width)
        return (Int(width), Int(height))
    }

    /// Uses another theme from the next frame on, redrawing everything in its colours.
    func setTheme(_ theme: Theme) {
        guard theme != colors.theme else { return }
        colors = ColorPairs(theme: theme, depth: depth)
        forceFullRedraw()
    }

    /// Forgets what is on screen, so the next frame is drawn whole (after a resize).
    func forceFullRedraw() {
        previous = nil
        clearok(window, true)
    }

    /// Writes what changed since the last frame and shows it.
    func draw(_ buffer: Buffer) {
        let runs = FrameDiff.runs(from: previous, to: buffer)
        if previous == nil { werase(window) }
        for run in runs {
            let (attr, pair) = colors.attributes(for: run.style)
            sluice_set_style(window, attr, pair)
            wmove(window, Int32(run.y), Int32(run.x))
            if run.text.utf8.allSatisfy({ $0 < 0x80 }) {
                waddnstr(window, run.text, -1)
            } else {
                let wide = run.text.unicodeScalars.map { wchar_t(bitPattern: $0.value) }
                waddnwstr(window, wide, Int32(wide.count))
            }
            textBytesWritten += run.text.utf8.count
        }
        wnoutrefresh(window)
        doupdate()
        previous = buffer
        framesDrawn += 1
    }

    /// The next key, waiting at most `milliseconds` (0: only what is already there).
    func readKey(waitingAtMost milliseconds: Int) -> KeyEvent? {
        wtimeout(window, Int32(max(0, milliseconds)))
        var character: wint_t = 0
        switch wget_wch(window, &character) {
        case KEY_CODE_YES: return KeyDecoder.functionKey(character)
        case OK: return KeyDecoder.character(character)
        default: return nil
        }
    }

    /// Gives the terminal back as it was. Safe to call more than once.
    func stop() {
        guard !stopped else { return }
        stopped = true
        curs_set(1)
        endwin()
    }

    deinit { stop() }
}
