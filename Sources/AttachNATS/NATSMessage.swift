#if NATS
import CNats
#if canImport(Glibc)
import Glibc
#endif
import SluiceModel
import AttachSupport

/// Copies between `natsMsg` and Swift values: payload, headers, a new message to publish.
enum NATSMessage {
    static func payload(_ message: OpaquePointer) -> [UInt8] {
        let length = Int(natsMsg_GetDataLength(message))
        guard length > 0, let data = natsMsg_GetData(message) else { return [] }
        return data.withMemoryRebound(to: UInt8.self, capacity: length) { Array(UnsafeBufferPointer(start: $0, count: length)) }
    }

    static func subject(_ message: OpaquePointer) -> String {
        optionalString(natsMsg_GetSubject(message)) ?? ""
    }

    /// Every header value, in the order the client keeps them; empty when there are none.
    static func headers(_ message: OpaquePointer) -> [Header] {
        var keys: UnsafeMutablePointer<UnsafePointer<CChar>?>?
        var keyCount: Int32 = 0
        guard natsMsgHeader_Keys(message, &keys, &keyCount) == NATS_OK, let keys else { return [] }
        defer { free(keys) }
        var headers: [Header] = []
        for keyIndex in 0..<Int(keyCount) {
            guard let key = keys[keyIndex] else { continue }
            var values: UnsafeMutablePointer<UnsafePointer<CChar>?>?
            var valueCount: Int32 = 0
            guard natsMsgHeader_Values(message, key, &values, &valueCount) == NATS_OK, let values else { continue }
            defer { free(values) }
            let name = String(cString: key)
            for valueIndex in 0..<Int(valueCount) {
                headers.append(Header(name, values[valueIndex].map { Array(String(cString: $0).utf8) } ?? []))
            }
        }
        return headers
    }

    /// A new message the caller owns (and must destroy), with the given headers added.
    static func make(subject: String, payload: [UInt8], headers: [Header]) throws(AttachError) -> OpaquePointer {
        var message: OpaquePointer?
        let status = payload.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                natsMsg_Create(&message, subject, nil, chars.baseAddress, Int32(chars.count))
            }
        }
        try natsCheck(status, "build a message for \(subject)")
        guard let message else { throw AttachError("could not build a message for \(subject)") }
        for header in headers {
            let status = natsMsgHeader_Add(message, header.name, String(decoding: header.value, as: UTF8.self))
            if status != NATS_OK {
                natsMsg_Destroy(message)
                throw AttachError("could not add header \(header.name): \(natsErrorText(status))")
            }
        }
        return message
    }
}
#endif
