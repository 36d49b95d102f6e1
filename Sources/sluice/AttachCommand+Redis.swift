import ArgumentParser
#if Redis
import AttachRedis
import SluiceModel
import Terminal
import AttachSupport
#endif

/// `sluice attach redis://...`: the dashboard on a live Redis's streams and consumer groups.
extension AttachCommand {
    /// Whether the URL names a Redis server (`redis://`, or `rediss://`, which says why TLS is missing).
    var isRedisURL: Bool {
        let lower = url.lowercased()
        return lower.hasPrefix("redis://") || lower.hasPrefix("rediss://")
    }

    func runRedis(password: String?) throws {
        #if Redis
        if credentialsFile != nil || tlsCAFile != nil || user != nil {
            Console.error("sluice attach: --creds, --tls-ca and --user are NATS options; for Redis put the user in the "
                          + "URL (redis://USER@HOST:6379) and the password in an environment variable (--password-env)")
            throw ExitCode(2)
        }
        let options: RedisConnectionOptions
        do {
            options = try redisOptions(password: password)
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
        try present(backend, report: RedisAttachReport.render)
        #else
        try missingTrait(engine: "Redis Streams", library: "hiredis", package: "libhiredis-dev", trait: "Redis")
        #endif
    }

    #if Redis
    private func redisOptions(password: String?) throws(AttachError) -> RedisConnectionOptions {
        let options = RedisConnectionOptions(
            url: url, password: password, streams: redisStreams, deadLetterPatterns: deadLetterPatterns,
            readOnly: dashboard.readOnly, pollInterval: Nanos(pollIntervalSeconds * Double(NanosPerUnit.second)))
        try options.validate()
        return options
    }
    #endif
}
