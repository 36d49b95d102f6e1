import ArgumentParser

/// The flags only `sluice attach kafka://...` reads.
struct KafkaAttachFlags: ParsableArguments {
    @Option(name: .customLong("sasl"),
            help: ArgumentHelp("Kafka SASL mechanism: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512 (with --user and --password-env).",
                               valueName: "mechanism"))
    var saslMechanism: String?

    @Option(name: .customLong("group"),
            help: ArgumentHelp("Kafka consumer group to watch even if the cluster does not list it (repeatable).",
                               valueName: "name"))
    var groups: [String] = []

    /// Whether any of them was given, which only a kafka:// URL accepts.
    var anyGiven: Bool { saslMechanism != nil || !groups.isEmpty }
}
