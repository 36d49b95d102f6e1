import Broker
import Foundation
import KafkaListener
import Testing

/// Real client libraries others wrote, driven by scripts/kafka-client-check against the listener.
@Suite(.serialized) struct PythonClientTests {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/kafka-client-check").path

    @Test(.timeLimit(.minutes(3)), arguments: ["confluent-kafka", "kafka-python"])
    func aPythonClientProducesAndConsumesInAGroup(client: String) throws {
        let broker = Broker(clock: MonotonicClock())
        let closed = LogLines()
        let listener = try KafkaListener(broker: broker, configuration: KafkaListenerConfiguration(port: 0), log: closed.append)
        defer { listener.stop() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.script, client, "127.0.0.1:\(listener.port)", "2000"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        KcatTests.killIfStillRunning(process.processIdentifier, after: 150) { process.isRunning }
        let said = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(said.suffix(2000)) (scripts/test installs the client: pip install \(client))")
        #expect(closed.lines.isEmpty, "\(closed.lines)")
    }
}
