import Foundation
import KafkaProtocol

/// One captured frame from Tests/KafkaProtocolTests/Fixtures, with what its name says about it.
struct Fixture: CustomStringConvertible {
    let name: String
    let bytes: [UInt8]
    let apiName: String
    let version: Int16
    let isRequest: Bool

    var description: String { name }

    /// The API, if it is one this codec carries.
    var api: KafkaApiKey? {
        KafkaApiKey.allCases.first { $0.requestType.messageName == apiName + "Request" }
    }

    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// Every captured frame, in name order.
    static func all() throws -> [Fixture] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".bin") }.sorted()
            .map { try load($0) }
    }

    static func load(_ name: String) throws -> Fixture {
        // CLIENT-API-vVERSION-request.bin: the client part may itself hold dashes.
        let parts = name.dropLast(4).split(separator: "-")
        let version = Int16(parts[parts.count - 2].dropFirst())!
        let bytes = [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
        return Fixture(name: name, bytes: bytes, apiName: String(parts[parts.count - 3]), version: version,
                       isRequest: parts.last == "request")
    }
}
