import ArgumentParser
#if Kafka
import AttachKafka
import SluiceModel
import AttachSupport
#endif

/// `sluice attach kafka://HOST:PORT[,HOST:PORT]`: the dashboard on a live Kafka cluster, through librdkafka.
extension AttachCommand {
    static let kafkaScheme = "kafka://"

    var isKafka: Bool { url.lowercased().hasPrefix(Self.kafkaScheme) }

    /// Refuses flags that mean nothing to Kafka, and the Kafka flags on another engine's URL.
    func validateKafka() throws {
        guard isKafka else {
            if kafka.anyGiven { throw ValidationError("--sasl and --group are for kafka:// URLs") }
            return
        }
        if credentialsFile != nil { throw ValidationError("--creds is for NATS; Kafka takes --sasl with --user and --password-env") }
        #if Kafka
        if let mechanism = kafka.saslMechanism, SASLMechanism(flag: mechanism) == nil {
            throw ValidationError("--sasl: expected one of \(SASLMechanism.choices), got '\(mechanism)'")
        }
        #endif
        #if Kafka
        do {
            try kafkaOptions(password: passwordVariable == nil ? nil : "checked when attaching").validate()
        } catch {
            throw ValidationError(error.message)
        }
        #endif
    }

    func runKafka(password: String?) throws {
        #if Kafka
        let backend: KafkaBackend
        do {
            backend = try KafkaBackend(options: kafkaOptions(password: password))
        } catch {
            Console.error("sluice attach: \(error.message)")
            throw error.isBadInput ? ExitCode(2) : ExitCode.failure
        }
        try present(backend, report: KafkaAttachReport.render)
        #else
        try missingTrait(engine: "a Kafka cluster", library: "librdkafka", package: "librdkafka-dev", trait: "Kafka")
        #endif
    }

    #if Kafka
    private func kafkaOptions(password: String?) -> KafkaConnectionOptions {
        KafkaConnectionOptions(
            url: url, saslMechanism: kafka.saslMechanism.flatMap(SASLMechanism.init(flag:)), user: user, password: password,
            tlsCAFile: tlsCAFile, readOnly: dashboard.readOnly, pollInterval: Nanos(pollIntervalSeconds * Double(NanosPerUnit.second)), groups: kafka.groups,
            deadLetterPatterns: deadLetterPatterns)
    }
    #endif
}
