#if canImport(Glibc)
import Glibc
#endif

/// A password read from the environment variable the user named (`--password-env`), so that it never
/// stands on a command line where `ps` shows it.
public enum EnvironmentSecret {
    /// The variable's value, or nil when it is not set.
    public static func value(of variable: String) -> String? {
        getenv(variable).map { String(cString: $0) }
    }

    /// What to tell the user when `variable` is not set.
    public static func notSet(_ variable: String) -> String {
        "environment variable \(variable) is not set (it should hold the password)"
    }
}
