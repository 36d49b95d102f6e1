/// What one client connection has established: used from its event loop only.
final class ConnectionState {
    /// Whether SASL/PLAIN succeeded (or was never asked for, which the service checks).
    var authenticated = false
    /// Whether the client chose PLAIN in a SaslHandshake, which must come before SaslAuthenticate.
    var mechanismChosen = false
}
