import Broker
import Foundation
@testable import KafkaListener
import Testing

/// Mutated real requests sent to the service: each gets an answer, silence or a closed connection, never a crash.
@Suite struct ServiceFuzzTests {
    @Test(.timeLimit(.minutes(1))) func mutatedCapturedRequestsAreAnsweredOrRefused() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("KafkaProtocolTests/Fixtures")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix("-request.bin") }
        let frames = try names.map(capturedFrame)
        let harness = ServiceHarness()
        for name in ["t-none", "t-gzip", "t-snappy", "t-lz4", "t-zstd", "kp-topic", "greetings"] {
            try harness.broker.createTopic(name, partitions: 1)
        }
        var random = SystemRandomNumberGenerator()
        var outcomes = [String: Int]()
        for _ in 0..<5_000 {
            var frame = frames.randomElement(using: &random)!
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                let at = Int.random(in: 0..<frame.count, using: &random)
                frame[at] = UInt8.random(in: 0...255, using: &random)
            }
            let kind: String
            switch harness.service.handle(frame: frame) {
            case .respond: kind = "respond"
            case .noResponse: kind = "silent"
            case .close, .respondAndClose: kind = "close"
            case .wait(let wait): kind = wait.attempt(true) == nil ? "lost" : "waited"
            }
            outcomes[kind, default: 0] += 1
        }
        #expect(outcomes["lost"] == nil, "a final fetch attempt always answers")
        #expect((outcomes["respond"] ?? 0) > 0 && (outcomes["close"] ?? 0) > 0, "\(outcomes)")
    }
}
