import Broker
import Foundation
import KafkaListener
import Testing

/// Real client libraries others wrote, driven by scripts/kafka-client-check against the listener.
@Suite(.serialized) struct PythonClientTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let script = root.appendingPathComponent("scripts/kafka-client-check").path
    /// kafka-python 2.0.2, installed beside 3.x by scripts/test (pip install --target).
    static let kafkaPython202 = root.appendingPathComponent(".build/kafka-python-2.0.2").path

    @Test(.timeLimit(.minutes(3)), arguments: ["confluent-kafka", "kafka-python", "kafka-python==2.0.2"])
    func aPythonClientProducesAndConsumesInAGroup(client: String) throws {
        let broker = Broker(clock: MonotonicClock())
        let closed = LogLines()
        let listener = try KafkaListener(broker: broker, configuration: KafkaListenerConfiguration(port: 0), log: closed.append)
        defer { listener.stop() }
        // The older kafka-python lives in a folder of its own, put first on the path.
        let (status, said) = try Self.check([client, "127.0.0.1:\(listener.port)", "2000"],
                                            environment: client == "kafka-python==2.0.2" ? ["PYTHONPATH": Self.kafkaPython202] : [:])
        #expect(status == 0, "\(said.suffix(2000)) (scripts/test installs the client: pip install \(client), 2.0.2 into \(Self.kafkaPython202))")
        #expect(closed.lines.isEmpty, "\(closed.lines)")
    }

    /// Two SCRAM clients written apart from each other and from Sluice: librdkafka's (C) and kafka-python's (Python).
    @Test(.timeLimit(.minutes(3)), arguments: ["confluent-kafka", "kafka-python"], ["SCRAM-SHA-256", "SCRAM-SHA-512"])
    func aPythonClientAuthenticatesWithScram(client: String, mechanism: String) throws {
        let broker = Broker(clock: MonotonicClock())
        let configuration = KafkaListenerConfiguration(port: 0, credentials: KafkaCredentials(user: "alice", password: "pa55,=word"))
        let listener = try KafkaListener(broker: broker, configuration: configuration)
        defer { listener.stop() }
        let (status, said) = try Self.check([client, "127.0.0.1:\(listener.port)", "200", mechanism, "alice"],
                                            environment: ["KAFKA_CHECK_PASSWORD": "pa55,=word"])
        #expect(status == 0, "\(said.suffix(2000))")
        #expect(said.contains("200 records produced and consumed in order over SASL \(mechanism)"), "\(said.suffix(2000))")
        // Every record went through the authenticated connections into the broker.
        let topic = try #require(broker.topics.first { $0.name.hasPrefix("check-\(client)-") })
        #expect((0..<topic.partitionCount).reduce(Int64(0)) { $0 + ((try? topic.logEndOffset(partition: $1)) ?? 0) } == 200)
    }

    /// Runs scripts/kafka-client-check (killed after 150 s); its exit status and what it said.
    static func check(_ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, said: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.script] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        KcatTests.killIfStillRunning(process.processIdentifier, after: 150) { process.isRunning }
        let said = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, said)
    }
}
