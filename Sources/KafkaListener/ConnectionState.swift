/// What one client connection has established: used from its event loop only.
final class ConnectionState {
    /// Whether SASL succeeded (or was never asked for, which the service checks).
    var authenticated = false
    /// The mechanism the client chose in a SaslHandshake, which must come before SaslAuthenticate.
    var mechanism: KafkaSaslMechanism?
    /// A SCRAM exchange between the client's first and final messages.
    var scram: ScramServerExchange?
}
