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
    /// How often a waiting join or sync looks again; a waiting fetch wakes at appends, and looks this often
    /// besides (a pause lifted, an append to a topic grown since).
    private static let pollInterval = TimeAmount.milliseconds(5)
    private static let fetchPollInterval = TimeAmount.milliseconds(100)
    /// Counts waits, so that a wake-up meant for an earlier one does nothing.
    private var waitNumber = 0

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
            waitNumber += 1
            let deadline = NIODeadline.now() + .milliseconds(wait.maxWaitMilliseconds)
            poll(wait, deadline: deadline, number: waitNumber, context: context)
            if wait.wakesOnAppend { wakeAtNextAppend(wait, deadline: deadline, number: waitNumber, context: context) }
        }
        return true
    }

    private func poll(_ wait: PendingResponse, deadline: NIODeadline, number: Int, context: ChannelHandlerContext) {
        let interval = wait.wakesOnAppend ? Self.fetchPollInterval : Self.pollInterval
        let next = min(deadline, NIODeadline.now() + interval)
        context.eventLoop.assumeIsolated().scheduleTask(deadline: next) {
            guard self.tryAnswer(wait, deadline: deadline, number: number, context: context) else { return }
            self.poll(wait, deadline: deadline, number: number, context: context)
        }
    }

    /// The append signal calls from the appending thread: the answer is tried on this connection's loop.
    private func wakeAtNextAppend(_ wait: PendingResponse, deadline: NIODeadline, number: Int, context: ChannelHandlerContext) {
        let loop = context.eventLoop
        let bound = NIOLoopBound((self, context, wait), eventLoop: loop)
        service.broker.appendSignal.next {
            loop.execute {
                let (handler, context, wait) = bound.value
                guard handler.tryAnswer(wait, deadline: deadline, number: number, context: context) else { return }
                handler.wakeAtNextAppend(wait, deadline: deadline, number: number, context: context)
            }
        }
    }

    /// Tries the waiting response; true while it still waits (and this wait is the current one).
    private func tryAnswer(_ wait: PendingResponse, deadline: NIODeadline, number: Int, context: ChannelHandlerContext) -> Bool {
        // A client that went away stops its wait; nobody is left to answer. An answered wait is done.
        guard context.channel.isActive, waiting, number == waitNumber else { return false }
        guard let outcome = wait.attempt(NIODeadline.now() >= deadline) else { return true }
        waiting = false
        var wrote = false
        if perform(outcome, context: context, wrote: &wrote) {
            if wrote { context.flush() }
            drain(context: context)
        }
        return false
    }
}
