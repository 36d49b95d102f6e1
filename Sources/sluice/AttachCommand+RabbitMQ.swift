import ArgumentParser
#if RabbitMQ
import AttachRabbitMQ
import SluiceModel
import Terminal
import AttachSupport
#endif

/// `sluice attach amqp://...`: the dashboard on a live RabbitMQ's queues, dead-letter queues and routing.
extension AttachCommand {
    /// Whether the URL names a RabbitMQ broker (`amqp://` or `amqps://`).
    var isRabbitMQURL: Bool {
        let lower = url.lowercased()
        return lower.hasPrefix("amqp://") || lower.hasPrefix("amqps://")
    }

    func runRabbitMQ(password: String?) throws {
        #if RabbitMQ
        if credentialsFile != nil {
            Console.error("sluice attach: --creds is a NATS option; for RabbitMQ give --user (or amqp://USER@HOST) and "
                          + "the password in an environment variable (--password-env)")
            throw ExitCode(2)
        }
        let options: RabbitMQConnectionOptions
        do {
            options = try rabbitMQOptions(password: password)
        } catch {
            Console.error("sluice attach: \(error.message)")
            throw ExitCode(2)
        }
        let backend: RabbitMQBackend
        do {
            backend = try RabbitMQBackend(options: options)
        } catch {
            Console.error("sluice attach: \(error.message)")
            throw error.isBadInput ? ExitCode(2) : ExitCode.failure
        }
        try present(backend, report: RabbitMQAttachReport.render)
        #else
        try missingTrait(engine: "RabbitMQ", library: "rabbitmq-c", package: "librabbitmq-dev", trait: "RabbitMQ")
        #endif
    }

    #if RabbitMQ
    private func rabbitMQOptions(password: String?) throws(AttachError) -> RabbitMQConnectionOptions {
        let options = RabbitMQConnectionOptions(
            url: url, managementURL: managementURL, user: user, password: password, tlsCAFile: tlsCAFile,
            readOnly: dashboard.readOnly, pollInterval: Nanos(pollIntervalSeconds * Double(NanosPerUnit.second)))
        try options.validate()
        _ = try options.address()
        return options
    }
    #endif
}
