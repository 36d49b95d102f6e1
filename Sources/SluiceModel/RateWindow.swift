/// The window members' rates and error shares are read over, so every backend and the screen's
/// labels mean the same span.
public enum RateWindow {
    public static let seconds = 5
    /// How column headers name it.
    public static let label = "\(seconds)s"
}
