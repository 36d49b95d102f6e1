import Broker
import NIOCore
import SluiceModel
#if canImport(Glibc)
import Glibc
#endif

/// One client connection: answers its requests strictly in order, as Kafka clients require.
///
/// A request that waits (a fetch for data, a join for the other members) holds back the requests behind it.
final class KafkaConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = [UInt8]
    typealias OutboundOut = ByteBuffer

    private let service: KafkaService
    private let log: @Sendable (String) -> Void
    private var queued: [[UInt8]] = []
    private var waiting = false
    /// The client's address, kept from when it connected: once the socket has failed it is gone.
    private var peer = "a client"
    private let connection = ConnectionState()
    /// How often a waiting fetch looks again.
    private static let pollInterval = TimeAmount.milliseconds(5)

    init(service: KafkaService, log: @escaping @Sendable (String) -> Void) {
        self.service = service
        self.log = log
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        queued.append(unwrapInboundIn(data))
        drain(context: context)
    }

    func channelActive(context: ChannelHandlerContext) {
        peer = context.remoteAddress.map { "\($0)" } ?? "a client"
        service.broker.log(.info, "listener: \(peer) connected")
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        service.broker.log(.info, "listener: \(peer) disconnected")
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // A client that resets its connection has left; only what the listener decides is worth a line.
        if let io = error as? IOError, io.errnoCode == ECONNRESET || io.errnoCode == EPIPE {
            context.close(promise: nil)
            return
        }
        log("closing \(peer): \(error)")
        context.close(promise: nil)
    }

    private func drain(context: ChannelHandlerContext) {
        var wrote = false
        while !waiting, !queued.isEmpty {
            let frame = queued.removeFirst()
            let latency = service.faults.latency
            if latency > 0 {
                answer(frame, after: latency, context: context)
                break
            }
            if !answer(frame, context: context, wrote: &wrote) { break }
        }
        if wrote { context.flush() }
    }

    /// Answers one frame; false when the connection closed.
    private func answer(_ frame: [UInt8], context: ChannelHandlerContext, wrote: inout Bool) -> Bool {
        let host = context.remoteAddress?.ipAddress.map { "/\($0)" } ?? ""
        return perform(service.handle(frame: frame, clientHost: host, connection: connection), context: context, wrote: &wrote)
    }

    /// The latency fault: the frame is answered that much later, and the frames behind it wait.
    private func answer(_ frame: [UInt8], after latency: Nanos, context: ChannelHandlerContext) {
        waiting = true
        context.eventLoop.assumeIsolated().scheduleTask(in: .nanoseconds(latency)) {
            guard context.channel.isActive else { return }
            self.waiting = false
            var wrote = false
            if self.answer(frame, context: context, wrote: &wrote) {
                if wrote { context.flush() }
                self.drain(context: context)
            }
        }
    }

    /// Carries out one outcome; false when the connection closed.
    private func perform(_ outcome: KafkaService.Outcome, context: ChannelHandlerContext, wrote: inout Bool) -> Bool {
        switch outcome {
        case .respond(let bytes):
            context.write(wrapOutboundOut(context.channel.allocator.buffer(bytes: bytes)), promise: nil)
            wrote = true
        case .noResponse:
            break
        case .respondAndClose(let bytes, let reason):
            context.write(wrapOutboundOut(context.channel.allocator.buffer(bytes: bytes)), promise: nil)
            wrote = true
            return perform(.close(reason), context: context, wrote: &wrote)
        case .close(let reason):
            log("closing \(peer): \(reason)")
            if wrote { context.flush() }
            context.close(promise: nil)
            queued.removeAll()
            return false
        case .wait(let wait):
            waiting = true
            poll(wait, deadline: .now() + .milliseconds(wait.maxWaitMilliseconds), context: context)
        }
        return true
    }

    private func poll(_ wait: PendingResponse, deadline: NIODeadline, context: ChannelHandlerContext) {
        context.eventLoop.assumeIsolated().scheduleTask(in: Self.pollInterval) {
            // A client that went away stops its wait; nobody is left to answer.
            guard context.channel.isActive else { return }
            let final = NIODeadline.now() >= deadline
            guard let outcome = wait.attempt(final) else { return self.poll(wait, deadline: deadline, context: context) }
            self.waiting = false
            var wrote = false
            if self.perform(outcome, context: context, wrote: &wrote) {
                if wrote { context.flush() }
                self.drain(context: context)
            }
        }
    }
}
