public import SluiceModel

/// What every live-engine adapter's `send` does around its own action, done one way for all of them.
public enum AttachedCommand {
    /// Refuses what `capabilities` rule out (everywhere, or on the command's target), runs `perform`, logs what a
    /// done command did under its event kind, and turns a thrown error into its message.
    public static func send(
        _ command: Command, capabilities: Capabilities, log: (EventLogEntry.Kind, String) -> Void,
        perform: (Command) throws(AttachError) -> CommandOutcome
    ) -> CommandOutcome {
        if let reason = capabilities.refusal(of: command) { return .failed(reason) }
        do {
            let outcome = try perform(command)
            if case .done(let text) = outcome, let kind = eventKind(command) { log(kind, text) }
            return outcome
        } catch {
            return .failed(error.message)
        }
    }

    /// The one table of what a done command logs on a live engine. A browse logs nothing: it changes nothing on
    /// the engine, and the status line says what it read.
    public static func eventKind(_ command: Command) -> EventLogEntry.Kind? {
        switch command {
        case .publish, .injectPoison: .publish
        case .pause: .pause
        case .resume: .resume
        case .seek: .seek
        // A skip on a live engine moves the stuck record aside (Redis: to the dead-letter stream).
        case .skip, .copyToDeadLetter: .deadLetter
        case .addInstance, .removeInstance: .scale
        case .crash: .crash
        case .restart: .restart
        case .redrive: .redrive
        case .setOutage: .outage
        case .inspect: nil
        case .purge, .claim, .setRateMultiplier, .setSpeed, .setPaused, .step, .restartRun, .lessonStep, .openLesson: .info
        }
    }
}
