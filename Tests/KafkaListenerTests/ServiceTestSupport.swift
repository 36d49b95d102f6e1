import Broker
import Foundation
@testable import KafkaListener
import KafkaProtocol
import SluiceModel

/// A service over a fresh broker, and helpers to send it requests the way a client would.
struct ServiceHarness {
    let broker = Broker(clock: ManualClock(now: 1_700_000_000_000 * NanosPerUnit.millisecond))
    let service: KafkaService
    private var correlation: Int32 = 0

    init(configuration: KafkaListenerConfiguration = KafkaListenerConfiguration()) {
        service = KafkaService(broker: broker, configuration: configuration, advertisedPort: 9092)
    }

    /// Sends `body` at `version` and decodes the response.
    mutating func send<Response: KafkaApiMessage>(
        _ body: some KafkaApiMessage, version: Int16, expecting _: Response.Type
    ) throws -> Response {
        correlation += 1
        var header = RequestHeader()
        header.requestApiKey = type(of: body).apiKey.rawValue
        header.requestApiVersion = version
        header.correlationId = correlation
        header.clientId = "harness"
        let frame = try KafkaFrame.encodeRequest(header: header, body: body)
        return try decode(service.handle(frame: frame), api: type(of: body).apiKey, version: version)
    }

    func decode<Response: KafkaApiMessage>(_ outcome: KafkaService.Outcome, api: KafkaApiKey, version: Int16) throws -> Response {
        let bytes: [UInt8]
        switch outcome {
        case .respond(let sent), .respondAndClose(let sent, _): bytes = sent
        default: throw HarnessError.noResponse("\(outcome)")
        }
        let (_, body) = try KafkaFrame.decodeResponse(Array(bytes.dropFirst(4)), api: api, version: version)
        guard let response = body as? Response else { throw HarnessError.noResponse("wrong type \(type(of: body))") }
        return response
    }

    enum HarnessError: Error { case noResponse(String) }
}

/// A frame captured from a real client, from the codec's fixtures.
func capturedFrame(_ name: String) throws -> [UInt8] {
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("KafkaProtocolTests/Fixtures")
    return [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
}
