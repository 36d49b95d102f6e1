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
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.script, client, "127.0.0.1:\(listener.port)", "2000"]
        if client == "kafka-python==2.0.2" {
            var environment = ProcessInfo.processInfo.environment
            environment["PYTHONPATH"] = Self.kafkaPython202
            process.environment = environment
        }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        KcatTests.killIfStillRunning(process.processIdentifier, after: 150) { process.isRunning }
        let said = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(said.suffix(2000)) (scripts/test installs the client: pip install \(client), 2.0.2 into \(Self.kafkaPython202))")
        #expect(closed.lines.isEmpty, "\(closed.lines)")
    }
}
