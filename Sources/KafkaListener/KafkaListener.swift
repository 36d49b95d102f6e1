public import Broker
import NIOCore
import NIOPosix
import Synchronization

/// A TCP server that speaks Kafka's wire protocol over the embedded broker.
public final class KafkaListener: Sendable {
    public let configuration: KafkaListenerConfiguration
    private let channel: any Channel
    private let group: MultiThreadedEventLoopGroup

    /// The port the listener is bound to (the configured one, or the one the system picked for port 0).
    public let port: Int
    /// The consumer groups of the Kafka clients connected here.
    public let clientGroups: ClientAssignedGroups
    /// Faults the dashboard switches on to watch the clients react.
    public let faults = ListenerFaults()
    private let connections = OpenConnections()

    /// Binds and starts answering; `log` receives one line per closed connection and why.
    public init(broker: Broker, configuration: KafkaListenerConfiguration = KafkaListenerConfiguration(),
                log: @escaping @Sendable (String) -> Void = { _ in }) throws {
        self.configuration = configuration
        _ = LargeBufferReuse.enabled
        group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let maxFrame = configuration.maxFrameBytes
        // The port is known only after binding, and Metadata must advertise it, so the service reads it late.
        clientGroups = broker.clientGroups
        let service = LateBoundService(broker: broker, configuration: configuration, groups: clientGroups, faults: faults)
        let connections = connections
        do {
            channel = try ServerBootstrap(group: group)
                .serverChannelOption(.backlog, value: 128)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
                .childChannelInitializer { channel in
                    connections.add(channel)
                    return channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandlers([
                            KafkaFrameReader(maxFrameBytes: maxFrame),
                            KafkaConnectionHandler(service: service.get(), log: log),
                        ])
                    }
                }
                .bind(host: configuration.host, port: configuration.port)
                .wait()
        } catch {
            try? group.syncShutdownGracefully()
            throw error
        }
        port = channel.localAddress?.port ?? configuration.port
        service.bind(port: port)
    }

    /// Closes every client connection (the listener stays open, so clients reconnect); returns how many.
    @discardableResult
    public func closeAllConnections() -> Int { connections.closeAll() }

    /// Closes the listening socket and every connection.
    public func stop() {
        try? channel.close().wait()
        try? group.syncShutdownGracefully()
    }
}

/// Holds the service until the bound port is known; connections only arrive after that.
private final class LateBoundService: Sendable {
    private let broker: Broker
    private let configuration: KafkaListenerConfiguration
    private let groups: ClientAssignedGroups
    private let faults: ListenerFaults
    private let service = Mutex<KafkaService?>(nil)

    init(broker: Broker, configuration: KafkaListenerConfiguration, groups: ClientAssignedGroups, faults: ListenerFaults) {
        self.broker = broker
        self.configuration = configuration
        self.groups = groups
        self.faults = faults
    }

    func bind(port: Int) {
        service.withLock {
            $0 = KafkaService(broker: broker, configuration: configuration, advertisedPort: configuration.advertisedPort ?? port,
                              groups: groups, faults: faults)
        }
    }

    func get() -> KafkaService {
        service.withLock { $0 }
            ?? KafkaService(broker: broker, configuration: configuration,
                            advertisedPort: configuration.advertisedPort ?? configuration.port, groups: groups,
                            faults: faults)
    }
}
