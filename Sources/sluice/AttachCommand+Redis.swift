import ArgumentParser
#if Redis
import AttachRedis
import SluiceModel
import Terminal
#endif

/// `sluice attach redis://...`: the dashboard on a live Redis's streams and consumer groups.
extension AttachCommand {
    /// Whether the URL names a Redis server (`redis://`, or `rediss://`, which says why TLS is missing).
    var isRedisURL: Bool {
        let lower = url.lowercased()
        return lower.hasPrefix("redis://") || lower.hasPrefix("rediss://")
    }

    func runRedis() throws {
        #if Redis
        if credentialsFile != nil || tlsCAFile != nil || user != nil {
            Console.error("sluice attach: --creds, --tls-ca and --user are NATS options; for Redis put the user in the "
                          + "URL (redis://USER@HOST:6379) and the password in an environment variable (--password-env)")
            throw ExitCode(2)
        }
        let options: RedisConnectionOptions
        do {
            options = try redisOptions()
        } catch {
            Console.error("sluice attach: \(error.message)")
            throw ExitCode(2)
        }
        let backend: RedisBackend
        do {
            backend = try RedisBackend(options: options)
        } catch {
            Console.error("sluice attach: \(error.message)")
            throw ExitCode.failure
        }
        if once {
            // A second poll one interval later gives the rates something to compare with.
            backend.advance(wallNanos: MonotonicClock.sleep(nanos: Nanos(pollIntervalSeconds * Double(NanosPerUnit.second))))
            Console.out(RedisAttachReport.render(backend.snapshot()), terminator: "")
            return
        }
        try dashboard.open(backend)
        #else
        throw Self.builtWithout(engine: "Redis Streams", trait: "Redis", package: "libhiredis-dev", url: url)
        #endif
    }

    #if Redis
    /// The options for the backend, with the password read from the environment.
    private func redisOptions() throws(RedisAttachError) -> RedisConnectionOptions {
        let password = try passwordVariable.map { variable throws(RedisAttachError) in
            try RedisConnectionOptions.secret(fromEnvironment: variable)
        }
        let options = RedisConnectionOptions(
            url: url, password: password, streams: redisStreams, deadLetterPatterns: deadLetterPatterns,
            readOnly: dashboard.readOnly, pollInterval: Nanos(pollIntervalSeconds * Double(NanosPerUnit.second)))
        try options.validate()
        return options
    }
    #endif
}
