import NIOCore

/// Splits the byte stream into Kafka frames: a 4-byte big-endian size, then that many bytes.
///
/// Each frame's bytes are copied once, from the socket's read buffers straight into an array of the frame's
/// size. (NIO's `ByteToMessageHandler` gathered a large frame's reads into one growing buffer and the frame was
/// then copied out of it: a produce request of a megabyte was copied twice more, and reallocated on the way.)
final class KafkaFrameReader: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = [UInt8]

    /// A request header is eight bytes at least: API key, version and correlation id.
    static let minimumFrame = 8
    /// What a frame reserves before its bytes arrive: a size prefix alone must not cost its size in memory
    /// (a larger frame grows as its bytes come).
    static let firstReservation = 1 << 20
    let maxFrameBytes: Int
    /// The size prefix so far, when a read ended inside it.
    private var prefix: [UInt8] = []
    /// The frame being read, and its size once the prefix is complete.
    private var frame: [UInt8] = []
    private var frameSize: Int?
    /// Set once a size is refused: nothing more is read from that connection.
    private var refused = false

    init(maxFrameBytes: Int) {
        self.maxFrameBytes = maxFrameBytes
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        while !refused, buffer.readableBytes > 0, context.channel.isActive {
            guard let size = frameSize ?? readSize(from: &buffer) else { return }
            // Checked before anything is buffered, so an oversized size costs nothing.
            guard size >= Self.minimumFrame, size <= maxFrameBytes else {
                refused = true
                context.fireErrorCaught(KafkaListenerError.frameSizeRefused(size, limit: maxFrameBytes))
                return
            }
            if frameSize == nil {
                frameSize = size
                frame.reserveCapacity(min(size, Self.firstReservation))
            }
            let taken = min(size - frame.count, buffer.readableBytes)
            buffer.readWithUnsafeReadableBytes { bytes in
                frame.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[..<taken]))
                return taken
            }
            guard frame.count == size else { return }
            var complete: [UInt8] = []
            swap(&complete, &frame)
            frameSize = nil
            context.fireChannelRead(wrapInboundOut(complete))
        }
    }

    /// The size prefix, once its four bytes are in (they may come in more than one read).
    private func readSize(from buffer: inout ByteBuffer) -> Int? {
        if prefix.isEmpty, let size = buffer.readInteger(as: Int32.self) { return Int(size) }
        let needed = 4 - prefix.count
        prefix += buffer.readBytes(length: min(needed, buffer.readableBytes)) ?? []
        guard prefix.count == 4 else { return nil }
        defer { prefix.removeAll() }
        return Int(Int32(bitPattern: prefix.reduce(0) { $0 << 8 | UInt32($1) }))
    }
}

/// Why the listener closed a connection.
public enum KafkaListenerError: Error, Equatable, CustomStringConvertible {
    case frameSizeRefused(Int, limit: Int)

    public var description: String {
        switch self {
        case let .frameSizeRefused(size, limit):
            size > limit ? "a frame of \(size) bytes is over the limit of \(limit)" : "a frame of \(size) bytes is too short"
        }
    }
}
