import FoundationEssentials

/// A nats-server release number, read from the INFO line the server greets every client with.
public struct ServerVersion: Sendable, Equatable, Comparable, CustomStringConvertible {
    public var major: Int
    public var minor: Int
    public var patch: Int

    public init(major: Int, minor: Int, patch: Int) {
        self.major = major; self.minor = minor; self.patch = patch
    }

    /// Parses `2.9.10`, `v2.11.0` or `2.11.0-RC.2`; nil for anything else.
    public init?(_ text: String) {
        let core = text.drop { $0 == "v" }.prefix { $0 != "-" && $0 != "+" }
        let parts = core.split(separator: ".", omittingEmptySubsequences: false).map { Int($0) }
        guard parts.count == 3, let major = parts[0], let minor = parts[1], let patch = parts[2] else { return nil }
        self.init(major: major, minor: minor, patch: patch)
    }

    /// Reads `version` from a server's `INFO {...}` greeting line.
    public init?(infoLine: String) {
        guard infoLine.hasPrefix("INFO "), let start = infoLine.firstIndex(of: "{") else { return nil }
        struct Info: Decodable { var version: String }
        let json = Data(infoLine[start...].utf8)
        guard let info = try? JSONDecoder().decode(Info.self, from: json) else { return nil }
        self.init(info.version)
    }

    public static func < (lhs: ServerVersion, rhs: ServerVersion) -> Bool {
        (lhs.major, lhs.minor, lhs.patch) < (rhs.major, rhs.minor, rhs.patch)
    }

    public var description: String { "\(major).\(minor).\(patch)" }

    /// Consumer pause and resume arrived in nats-server 2.11.
    public static let consumerPause = ServerVersion(major: 2, minor: 11, patch: 0)
}
