import CNcurses
public import Dashboard
import Glibc
public import SluiceModel

/// How the dashboard runs: `--theme`, `--ascii`, `--read-only` and the refresh rate.
public struct DashboardOptions: Sendable, Equatable {
    /// A theme name from `sluice themes`; nil for `default`.
    public var themeName: String?
    /// Draw with ASCII only, even when the locale is UTF-8.
    public var ascii: Bool
    /// Disable every action; only look.
    public var readOnly: Bool
    /// Frames per second, 1 to 60.
    public var framesPerSecond: Int
    public init(themeName: String? = nil, ascii: Bool = false, readOnly: Bool = false, framesPerSecond: Int = 10) {
        self.themeName = themeName; self.ascii = ascii; self.readOnly = readOnly; self.framesPerSecond = framesPerSecond
    }
}

/// Why the dashboard could not start.
public enum DashboardError: Error, Equatable, CustomStringConvertible {
    case unknownTheme(String, available: [String])
    case brokenTheme(ThemeError)
    case invalidRefreshRate(Int)
    case notATerminal
    case terminal(String)

    public var description: String {
        switch self {
        case .unknownTheme(let name, let available):
            "unknown theme '\(UntrustedText.escape(name))'; available: " + available.joined(separator: ", ")
        case .brokenTheme(let error): "theme error: \(error)"
        case .invalidRefreshRate(let fps): "refresh rate must be 1 to 60 frames per second, got \(fps)"
        case .notATerminal: "the dashboard needs a terminal: standard input and output must be one"
        case .terminal(let problem): problem
        }
    }
}

/// What a dashboard session did, for figures: frames drawn and text bytes written; and the signal
/// that ended it, if one did (the process should then exit 128 + its number).
public struct DashboardRunSummary: Sendable, Equatable {
    public var frames: Int
    public var textBytesWritten: Int
    public var stopSignal: Int32?
}

/// The UI loop: one loop owns the UI state; every key becomes an input to `update`; the backend
/// moves by real elapsed time and is copied once a frame.
public enum DashboardRunner {
    @discardableResult
    /// `catalog`: the themes to choose from (the caller reads the files); `environment` says what the terminal can show.
    public static func run(backend: any SystemBackend, options: DashboardOptions, catalog: ThemeCatalog,
                           environment: [String: String]) throws(DashboardError) -> DashboardRunSummary {
        guard (1...60).contains(options.framesPerSecond) else { throw .invalidRefreshRate(options.framesPerSecond) }
        let themes = catalog.themes
        let wanted = options.themeName ?? "default"
        if let broken = catalog.errors.first(where: { ThemeCatalog.themeName(fromPath: $0.file) == wanted }) {
            throw .brokenTheme(broken)
        }
        guard let themeIndex = themes.firstIndex(where: { $0.name == wanted }) else {
            throw .unknownTheme(wanted, available: themes.map(\.name))
        }
        let screen = try Screen(theme: themes[themeIndex], environment: environment)
        defer { screen.stop(); StopSignals.restore() }
        StopSignals.install()
        var state = DashboardState(themeNames: themes.map(\.name), themeIndex: themeIndex, readOnly: options.readOnly,
                                   ascii: options.ascii || !screen.localeIsUTF8)
        if let problem = catalog.errors.first {
            state.status = StatusLine(UntrustedText.terminalSafe("theme file skipped: \(problem)"), .failure)
        }
        let frameNanos = NanosPerUnit.second / Nanos(options.framesPerSecond)
        // The backend moves on its own thread, once a frame: a server that stops answering freezes its
        // numbers (the header says so), never the keys, the drawing or the signals.
        let worker = BackendThread(backend, tickNanos: frameNanos)
        worker.start()
        defer { worker.stop() }
        var loop = Loop(link: worker, screen: screen, themes: themes, state: state, frameNanos: frameNanos)
        loop.run()
        let signal = StopSignals.pending()
        return DashboardRunSummary(frames: screen.framesDrawn, textBytesWritten: screen.textBytesWritten,
                                   stopSignal: signal == 0 ? nil : signal)
    }
}

/// The dashboard's signal handlers (see the shim): installed, polled and restored from this one
/// file, since each Swift file gets its own copy of the shim's statics.
enum StopSignals {
    static func install() { sluice_install_signal_handlers() }
    /// Puts back what each signal did before `install`.
    static func restore() { sluice_restore_signal_handlers() }
    /// The stop signal that arrived (SIGINT, SIGTERM, SIGHUP, SIGQUIT...), or 0.
    static func pending() -> Int32 { sluice_pending_stop_signal() }
}

/// One dashboard session's loop: each frame takes in what the backend published, draws it, and
/// hands keys to the session until the next frame is due.
struct Loop {
    var session: DashboardSession
    let screen: Screen
    let themes: [Theme]
    let frameNanos: Nanos

    init(link: any BackendLink, screen: Screen, themes: [Theme], state: DashboardState, frameNanos: Nanos) {
        session = DashboardSession(link: link, state: state)
        self.screen = screen; self.themes = themes; self.frameNanos = frameNanos
    }

    mutating func run() {
        while !session.state.shouldQuit, StopSignals.pending() == 0 {
            let frameStart = SystemTime.monotonicNanos()
            session.refresh()
            render()
            // Wait for keys until the next frame is due; a key redraws at once.
            let deadline = frameStart + frameNanos
            var waitMillis = Int(max(0, deadline - SystemTime.monotonicNanos()) / NanosPerUnit.millisecond)
            while let event = screen.readKey(waitingAtMost: waitMillis) {
                if case .key(let key) = event { session.press(key) } else { screen.forceFullRedraw() }
                if session.state.shouldQuit { return }
                render()
                waitMillis = Int(max(0, deadline - SystemTime.monotonicNanos()) / NanosPerUnit.millisecond)
            }
        }
    }

    func render() {
        if let theme = themes.first(where: { $0.name == session.state.themeName }) { screen.setTheme(theme) }
        let size = screen.size
        screen.draw(DashboardApp.view(session.state, session.snapshot, width: size.width, height: size.height))
    }
}
