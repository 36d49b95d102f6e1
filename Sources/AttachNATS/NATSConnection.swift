#if NATS
import CNats
import AttachSupport

/// One connection to a NATS server and its JetStream context; both are freed with it.
///
/// The C client reconnects by itself (forever, every `reconnectWaitMillis`); while it does,
/// requests fail at once instead of waiting out their timeout.
final class NATSConnection {
    let connection: OpaquePointer
    let jetStream: OpaquePointer

    init(_ options: NATSConnectionOptions) throws(AttachError) {
        var maybeOptions: OpaquePointer?
        try natsCheck(natsOptions_Create(&maybeOptions), "create connection options")
        guard let natsOptions = maybeOptions else { throw AttachError("could not create connection options") }
        defer { natsOptions_Destroy(natsOptions) }
        try Self.configure(natsOptions, options)

        var maybeConnection: OpaquePointer?
        try natsCheck(natsConnection_Connect(&maybeConnection, natsOptions), "connect to \(options.displayURL)")
        guard let connection = maybeConnection else { throw AttachError("could not connect to \(options.displayURL)") }

        var jetStreamOptions = jsOptions()
        jsOptions_Init(&jetStreamOptions)
        jetStreamOptions.Wait = options.requestTimeoutMillis
        var maybeJetStream: OpaquePointer?
        let status = natsConnection_JetStream(&maybeJetStream, connection, &jetStreamOptions)
        guard status == NATS_OK, let jetStream = maybeJetStream else {
            natsConnection_Destroy(connection)
            throw AttachError("could not open JetStream on \(options.displayURL): \(natsErrorText(status))")
        }
        self.connection = connection
        self.jetStream = jetStream
    }

    deinit {
        jsCtx_Destroy(jetStream)
        natsConnection_Destroy(connection)
    }

    private static func configure(_ natsOptions: OpaquePointer, _ options: NATSConnectionOptions) throws(AttachError) {
        try natsCheck(natsOptions_SetURL(natsOptions, options.url), "use the URL \(options.displayURL)")
        try natsCheck(natsOptions_SetName(natsOptions, "sluice"), "name the connection")
        try natsCheck(natsOptions_SetAllowReconnect(natsOptions, true), "allow reconnecting")
        try natsCheck(natsOptions_SetMaxReconnect(natsOptions, -1), "reconnect without limit")
        try natsCheck(natsOptions_SetReconnectWait(natsOptions, options.reconnectWaitMillis), "set the reconnect wait")
        try natsCheck(natsOptions_SetFailRequestsOnDisconnect(natsOptions, true), "fail requests while disconnected")
        // The default ping interval (2 min) would hide a silently dropped link for minutes.
        try natsCheck(natsOptions_SetPingInterval(natsOptions, 5000), "set the ping interval")
        try natsCheck(natsOptions_SetMaxPingsOut(natsOptions, 2), "set the unanswered ping limit")
        if let file = options.credentialsFile {
            try natsCheck(natsOptions_SetUserCredentialsFromFiles(natsOptions, file, nil), "use the credentials in \(file)")
        }
        if let user = options.user {
            try natsCheck(natsOptions_SetUserInfo(natsOptions, user, options.password), "set the user")
        }
        if options.wantsTLS {
            try natsCheck(natsOptions_SetSecure(natsOptions, true), "switch on TLS")
        }
        if let file = options.tlsCAFile {
            try natsCheck(natsOptions_LoadCATrustedCertificates(natsOptions, file), "load the CA certificates in \(file)")
        }
    }

    /// True while the connection is up (not reconnecting, not closed).
    var isConnected: Bool { natsConnection_Status(connection) == NATS_CONN_STATUS_CONNECTED }

    /// The URL of the server currently connected to, if any.
    var connectedURL: String? {
        var buffer = [CChar](repeating: 0, count: 512)
        guard natsConnection_GetConnectedUrl(connection, &buffer, buffer.count) == NATS_OK else { return nil }
        return optionalString(buffer)
    }
}
#endif
