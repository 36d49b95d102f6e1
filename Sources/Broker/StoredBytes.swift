import Glibc
import SluiceModel

/// A message value in an allocation of its own, without the 32-byte header an array carries: a queue may
/// keep millions of messages waiting, and the header would be a third of what each costs. One slot owns
/// it and frees it with `release()`; readers get a fresh array.
struct StoredBytes {
    private var base: UnsafeMutableRawPointer?
    private var length: UInt32 = 0

    static var empty: StoredBytes { StoredBytes() }

    private init() {}

    init(copying bytes: [UInt8]) {
        precondition(bytes.count <= Int(UInt32.max), "a value of \(bytes.count) bytes does not fit a queue slot")
        guard !bytes.isEmpty else { return }
        let base = malloc(bytes.count)!
        bytes.withUnsafeBytes { base.copyMemory(from: $0.baseAddress!, byteCount: bytes.count) }
        self.base = base
        length = UInt32(bytes.count)
    }

    var count: Int { Int(length) }

    /// A copy as an array.
    var array: [UInt8] {
        guard let base else { return [] }
        return [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            buffer.baseAddress!.initialize(from: base.assumingMemoryBound(to: UInt8.self), count: count)
            initialized = count
        }
    }

    /// Frees the bytes; the value is empty after.
    mutating func release() {
        free(base)
        base = nil
        length = 0
    }
}

/// What most queue messages lack (a key, headers, an id), kept behind one reference so a slot without
/// them stays small.
final class MessageExtras: Sendable {
    let key: [UInt8]?
    let headers: [Header]
    let messageId: String?

    init(key: [UInt8]?, headers: [Header], messageId: String?) {
        self.key = key; self.headers = headers; self.messageId = messageId
    }

    /// Extras for a message, or nil when it has none.
    static func of(_ message: QueueMessage) -> MessageExtras? {
        message.key == nil && message.headers.isEmpty && message.messageId == nil ? nil
            : MessageExtras(key: message.key, headers: message.headers, messageId: message.messageId)
    }
}
