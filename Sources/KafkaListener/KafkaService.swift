import Broker
import KafkaProtocol

/// Answers Kafka requests from the embedded broker: the part of the listener that knows no sockets.
///
/// One service serves every connection; the broker it wraps is safe to call from several threads.
final class KafkaService: Sendable {
    let broker: Broker
    let configuration: KafkaListenerConfiguration
    /// Where the listener is reachable, as Metadata tells clients.
    let advertisedPort: Int
    /// Consumer groups of Kafka clients; the broker's own groups are for simulated members.
    let groups: ClientAssignedGroups
    /// Producer ids and per-partition sequences of idempotent producers.
    var producers: IdempotentProducers { broker.idempotentProducers }
    /// What the dashboard has switched on to see how clients cope.
    let faults: ListenerFaults
    /// The keys SCRAM checks proofs with, per mechanism; empty without credentials or libcrypto.
    let scramCredentials: [KafkaSaslMechanism: ScramCredential]
    /// The only node of this one-broker cluster.
    static let nodeId: Int32 = 0
    static let clusterId = "sluice"

    init(broker: Broker, configuration: KafkaListenerConfiguration, advertisedPort: Int, groups: ClientAssignedGroups? = nil,
         faults: ListenerFaults = ListenerFaults()) {
        self.faults = faults
        self.broker = broker
        self.configuration = configuration
        self.advertisedPort = advertisedPort
        self.groups = groups ?? broker.clientGroups
        scramCredentials = Self.scramCredentials(for: configuration.credentials)
    }

    var advertisedHost: String { configuration.advertisedHost ?? configuration.host }

    /// What to do with one request frame.
    enum Outcome {
        /// Send these bytes (size prefix included).
        case respond([UInt8])
        /// Send nothing (a produce with acks=0).
        case noResponse
        /// Close the connection, for this reason (logged with the client's name).
        case close(String)
        /// Send these bytes, then close the connection for this reason (a failed authentication).
        case respondAndClose([UInt8], String)
        /// Not ready yet: try again until the deadline, then answer whatever there is.
        case wait(PendingResponse)
    }

    /// Decodes one frame and answers it; `clientHost` is the peer's address as Kafka shows it ("/127.0.0.1"),
    /// `connection` what the connection has established so far (SASL).
    func handle(frame: [UInt8], clientHost: String = "", connection: ConnectionState? = nil) -> Outcome {
        let request: KafkaRequest
        do {
            request = try KafkaFrame.decodeRequest(frame)
        } catch {
            return refusal(error)
        }
        do {
            return try answer(request, clientHost: clientHost, connection: connection ?? ConnectionState())
        } catch {
            return .close("cannot encode the \(request.api) v\(request.version) response: \(error)")
        }
    }

    private func answer(_ request: KafkaRequest, clientHost: String, connection: ConnectionState) throws(KafkaEncodingError) -> Outcome {
        guard implemented.contains(where: { $0.api == request.api && $0.versions.contains(request.version) }) else {
            return .close("\(request.api) v\(request.version) is not implemented, and ApiVersions does not advertise it")
        }
        if configuration.credentials != nil && !connection.authenticated
            && ![.apiVersions, .saslHandshake, .saslAuthenticate].contains(request.api) {
            return .close("\(request.api) before authenticating")
        }
        switch request.body {
        case let body as SaslHandshakeRequest: return try respond(saslHandshake(body, connection: connection), to: request)
        case let body as SaslAuthenticateRequest: return try saslAuthenticate(body, request: request, connection: connection)
        case let body as ApiVersionsRequest: return try respond(apiVersions(body, version: request.version), to: request)
        case let body as MetadataRequest: return try respond(metadata(body, version: request.version), to: request)
        case let body as CreateTopicsRequest: return try respond(createTopics(body, version: request.version), to: request)
        case let body as DeleteTopicsRequest: return try respond(deleteTopics(body, version: request.version), to: request)
        case let body as CreatePartitionsRequest: return try respond(createPartitions(body), to: request)
        case let body as ProduceRequest:
            let response = faults.drawFailure(for: .produce).map { Self.refusedProduce(body, code: $0) } ?? produce(body)
            return body.acks == 0 ? .noResponse : try respond(response, to: request)
        case let body as ListOffsetsRequest: return try respond(listOffsets(body, version: request.version), to: request)
        case let body as FetchRequest:
            return try fetch(body, request: request, client: ClientAddress(clientId: request.header.clientId ?? "", host: clientHost))
        case let body as FindCoordinatorRequest: return try respond(findCoordinator(body, version: request.version), to: request)
        case let body as JoinGroupRequest: return try joinGroup(body, request: request, clientHost: clientHost)
        case let body as SyncGroupRequest: return try syncGroup(body, request: request)
        case let body as HeartbeatRequest: return try heartbeatOutcome(body, request: request)
        case let body as LeaveGroupRequest: return try respond(leaveGroup(body, version: request.version), to: request)
        case let body as OffsetCommitRequest: return try respond(offsetCommit(body), to: request)
        case let body as ListGroupsRequest: return try respond(listGroups(body, version: request.version), to: request)
        case let body as DescribeGroupsRequest: return try respond(describeGroups(body), to: request)
        case let body as DeleteGroupsRequest: return try respond(deleteGroups(body), to: request)
        case let body as OffsetDeleteRequest: return try respond(offsetDelete(body), to: request)
        case let body as DescribeConfigsRequest: return try respond(describeConfigs(body, version: request.version), to: request)
        case let body as DescribeClusterRequest: return try respond(describeCluster(body), to: request)
        case let body as InitProducerIdRequest: return try respond(initProducerId(body, clientId: request.header.clientId ?? ""), to: request)
        case let body as OffsetFetchRequest: return try respond(offsetFetch(body, version: request.version), to: request)
        default:
            return .close("\(request.api) is advertised but has no handler")
        }
    }

    func respond(_ body: any KafkaApiMessage, to request: KafkaRequest) throws(KafkaEncodingError) -> Outcome {
        .respond(try KafkaFrame.encodeResponse(body, api: request.api, version: request.version,
                                               correlationId: request.correlationId))
    }

    /// An ApiVersions request at a version this codec does not know gets the v0 answer Kafka gives, with the
    /// versions that are supported; anything else that does not decode closes the connection.
    private func refusal(_ error: KafkaRequestError) -> Outcome {
        switch error {
        case let .unsupported(apiKey, version, correlationId) where apiKey == KafkaApiKey.apiVersions.rawValue:
            var response = ApiVersionsResponse()
            response.errorCode = KafkaErrorCode.unsupportedVersion.rawValue
            response.apiKeys = advertisedVersions
            let bytes = try? KafkaFrame.encodeResponse(response, api: .apiVersions, version: 0, correlationId: correlationId)
            return bytes.map(Outcome.respond) ?? .close("ApiVersions v\(version) is unsupported")
        case let .unsupported(apiKey, version, _):
            return .close("API key \(apiKey) v\(version) is not supported")
        case let .malformed(error, _):
            return .close("a request did not decode: \(error)")
        }
    }
}
