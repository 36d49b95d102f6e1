import NIOCore

/// Splits the byte stream into Kafka frames: a 4-byte big-endian size, then that many bytes.
struct KafkaFrameDecoder: ByteToMessageDecoder {
    typealias InboundOut = [UInt8]

    /// A request header is eight bytes at least: API key, version and correlation id.
    static let minimumFrame = 8
    let maxFrameBytes: Int

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let size = buffer.getInteger(at: buffer.readerIndex, as: Int32.self) else { return .needMoreData }
        // Checked before the frame is buffered, so an oversized size costs nothing.
        guard Int(size) >= Self.minimumFrame, Int(size) <= maxFrameBytes else {
            throw KafkaListenerError.frameSizeRefused(Int(size), limit: maxFrameBytes)
        }
        guard buffer.readableBytes >= 4 + Int(size) else { return .needMoreData }
        buffer.moveReaderIndex(forwardBy: 4)
        guard let frame = buffer.readBytes(length: Int(size)) else { return .needMoreData }
        context.fireChannelRead(wrapInboundOut(frame))
        return .continue
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF _: Bool) throws -> DecodingState {
        while try decode(context: context, buffer: &buffer) == .continue {}
        return .needMoreData
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
