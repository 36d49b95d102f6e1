@testable import KafkaListener
import NIOCore
import NIOEmbedded
import SluiceModel
import Testing

/// The frame reader over an embedded channel: bytes arrive cut anywhere, frames come out whole and in order.
struct FrameReaderTests {
    /// A connected embedded channel: the reader reads nothing for a connection that is not active.
    static func channel(maxFrameBytes: Int) throws -> EmbeddedChannel {
        let channel = EmbeddedChannel(handler: KafkaFrameReader(maxFrameBytes: maxFrameBytes))
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 9092)).wait()
        return channel
    }

    /// Frames of seeded sizes (one past the first reservation, so it grows), the stream cut at seeded points,
    /// some inside a size prefix.
    @Test func framesCutAnywhereComeOutWholeAndInOrder() throws {
        var random = SeededGenerator(seed: 12)
        let sizes = [8, 9, 300, KafkaFrameReader.firstReservation + 4_321, 8, 70_000, 13]
        let frames = sizes.map { size in (0..<size).map { _ in UInt8(truncatingIfNeeded: random.next()) } }
        var stream: [UInt8] = []
        for frame in frames { stream += withUnsafeBytes(of: Int32(frame.count).bigEndian, Array.init) + frame }
        let channel = try Self.channel(maxFrameBytes: 2 << 20)
        var start = 0
        while start < stream.count {
            // Mostly small cuts (1 to 7 bytes: inside prefixes), now and then a large one.
            let length = random.nextIndex(below: 4) == 0 ? 1 + random.nextIndex(below: 200_000) : 1 + random.nextIndex(below: 7)
            let end = min(stream.count, start + length)
            try channel.writeInbound(channel.allocator.buffer(bytes: stream[start..<end]))
            start = end
        }
        var received: [[UInt8]] = []
        while let frame = try channel.readInbound(as: [UInt8].self) { received.append(frame) }
        #expect(received.count == frames.count)
        // Compared frame by frame, so a failure does not print megabytes.
        for (got, sent) in zip(received, frames) { #expect(got.count == sent.count && got == sent, "a frame of \(sent.count) bytes") }
        _ = try channel.finish()
    }

    @Test func aSizeOverTheLimitIsRefusedBeforeItsBytesAreBuffered() throws {
        let channel = try Self.channel(maxFrameBytes: 1024)
        #expect(throws: KafkaListenerError.frameSizeRefused(1025, limit: 1024)) {
            try channel.writeInbound(channel.allocator.buffer(bytes: [0, 0, 4, 1, 9, 9]))
        }
        // Nothing more is read from that connection, a whole frame after it included.
        try channel.writeInbound(channel.allocator.buffer(bytes: [0, 0, 0, 8, 1, 2, 3, 4, 5, 6, 7, 8]))
        #expect(try channel.readInbound(as: [UInt8].self) == nil)
        _ = try? channel.finish()
    }

    @Test func aSizeBelowARequestHeaderIsRefused() throws {
        let channel = try Self.channel(maxFrameBytes: 1024)
        #expect(throws: KafkaListenerError.frameSizeRefused(7, limit: 1024)) {
            try channel.writeInbound(channel.allocator.buffer(bytes: [0, 0, 0, 7]))
        }
        _ = try? channel.finish()
    }
}
