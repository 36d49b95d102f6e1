import KafkaProtocol

extension KafkaService {
    /// The APIs and versions the listener implements; nothing else is advertised.
    ///
    /// Produce from v3 and Fetch from v4 carry v2 record batches only. Fetch stops at v12: v13 names
    /// topics by id, which the broker does not keep yet. OffsetFetch stops at v7, before batched groups.
    static let implementedVersions: [(api: KafkaApiKey, versions: ClosedRange<Int16>)] = [
        (.produce, 3...11),
        (.fetch, 4...12),
        (.listOffsets, 1...10),
        (.metadata, 0...12),
        (.apiVersions, 0...4),
        (.createTopics, 0...7),
        (.deleteTopics, 0...6),
        (.createPartitions, 0...3),
        (.findCoordinator, 0...6),
        (.joinGroup, 0...9),
        (.syncGroup, 0...5),
        (.heartbeat, 0...4),
        (.leaveGroup, 0...5),
        (.offsetCommit, 0...9),
        (.offsetFetch, 0...7),
        (.initProducerId, 0...5),
        (.listGroups, 0...5),
        (.describeGroups, 0...5),
        (.deleteGroups, 0...2),
        (.offsetDelete, 0...0),
        (.describeCluster, 0...1),
        (.describeConfigs, 0...4),
    ]

    /// SaslHandshake v0 is advertised because librdkafka will not use SASL without it, but the tokens that
    /// follow a v0 handshake travel outside Kafka's framing and are not understood: clients that know v1
    /// (every one since Kafka 1.0) use it and SaslAuthenticate.
    static let saslVersions: [(api: KafkaApiKey, versions: ClosedRange<Int16>)] = [
        (.saslHandshake, 0...1),
        (.saslAuthenticate, 0...2),
    ]

    /// What this listener implements: the SASL APIs only when it asks for credentials.
    var implemented: [(api: KafkaApiKey, versions: ClosedRange<Int16>)] {
        configuration.credentials == nil ? Self.implementedVersions : Self.implementedVersions + Self.saslVersions
    }

    var advertisedVersions: [ApiVersionsResponse.ApiVersion] {
        implemented.map { entry in
            var version = ApiVersionsResponse.ApiVersion()
            version.apiKey = entry.api.rawValue
            version.minVersion = entry.versions.lowerBound
            version.maxVersion = entry.versions.upperBound
            return version
        }
    }

    func apiVersions(_: ApiVersionsRequest, version _: Int16) -> ApiVersionsResponse {
        var response = ApiVersionsResponse()
        response.apiKeys = advertisedVersions
        return response
    }
}
