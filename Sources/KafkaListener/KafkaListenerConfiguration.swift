/// How the Kafka listener binds and what it tells clients.
public struct KafkaListenerConfiguration: Sendable {
    /// The address to bind; loopback unless the user names another.
    public var host: String
    /// The port to bind; 0 picks a free one (tests).
    public var port: Int
    /// The host clients are told to connect back to; defaults to `host`.
    public var advertisedHost: String?
    /// The port clients are told to connect back to (a TLS proxy's in front of the listener); defaults to the bound port.
    public var advertisedPort: Int?
    /// A frame larger than this closes its connection (`--kafka-max-frame`).
    public var maxFrameBytes: Int
    /// Partitions of a topic created on first use or with CreateTopics' -1.
    public var defaultPartitions: Int
    /// Whether Metadata for an unknown topic creates it, as Kafka's auto.create.topics.enable.
    public var autoCreateTopics: Bool
    /// The most partitions CreateTopics may ask for: each costs memory up front, and a request is only a number.
    public var maxPartitionsPerTopic: Int
    /// When set, every client must authenticate as this user (SASL PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512) before anything else.
    public var credentials: KafkaCredentials?

    public init(host: String = "127.0.0.1", port: Int = 9092, advertisedHost: String? = nil, advertisedPort: Int? = nil,
                maxFrameBytes: Int = 100 * 1024 * 1024, defaultPartitions: Int = 3, autoCreateTopics: Bool = true,
                maxPartitionsPerTopic: Int = 1000, credentials: KafkaCredentials? = nil) {
        self.host = host
        self.port = port
        self.advertisedHost = advertisedHost
        self.advertisedPort = advertisedPort
        self.maxFrameBytes = maxFrameBytes
        self.defaultPartitions = defaultPartitions
        self.autoCreateTopics = autoCreateTopics
        self.maxPartitionsPerTopic = maxPartitionsPerTopic
        self.credentials = credentials
    }
}

/// The one user SASL accepts (PLAIN or SCRAM). The password comes from the environment, never the command line.
public struct KafkaCredentials: Sendable {
    public var user: String
    public var password: String

    public init(user: String, password: String) {
        self.user = user
        self.password = password
    }
}
