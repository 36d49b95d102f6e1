public import SluiceModel

/// What the dashboard may ask of a live JetStream, and why the rest is unavailable.
public enum JetStreamCapabilities {
    /// The reason each action is missing; read-only attaches lose every action that changes the server.
    public static func make(serverVersion: ServerVersion?, readOnly: Bool) -> Capabilities {
        var unavailable: [CommandKind: String] = [
            .crash: "Sluice does not run a live server's clients, so it cannot crash or restart them",
            .poison: "no poison injection on a live server; publish a malformed message instead",
            .outage: "downstream outages exist only in the simulation",
            .rate: "a live server's producers are not Sluice's to throttle",
            .purge: "purge is not built for JetStream: purge a stream with nats stream purge",
            .redrive: "JetStream has no dead-letter queue to redrive; copy a dead letter to a stream instead",
            .claim: "JetStream redelivers a message to any client of the consumer once its ack wait passes: "
                + "no client holds it to be claimed from",
        ]
        unavailable.refuseAll(CommandKind.time, "a live server runs in real time")
        unavailable.refuseAll(CommandKind.lessons, "lessons run on the simulation")
        unavailable.refuseAll(CommandKind.scale, "JetStream consumers scale by running more client processes;"
                              + " Sluice only watches them")
        if let reason = pauseUnavailableReason(serverVersion) { unavailable[.pauseResume] = reason }
        if readOnly {
            for kind in [CommandKind.publish, .pauseResume, .copyToDeadLetter] {
                unavailable[kind] = "attached with --read-only"
            }
        }
        return Capabilities(unavailable: unavailable, partial: [.seek: seekBrowsesOnly])
    }

    /// What `r` does on JetStream instead of a replay.
    static let seekBrowsesOnly = "browse only: JetStream cannot move a durable consumer's position from outside, "
        + "so a replay opens the stream in the inspector from that point and the consumer stays where it is"

    /// Nil when the server can pause consumers.
    static func pauseUnavailableReason(_ version: ServerVersion?) -> String? {
        guard let version else {
            return "could not read the server version; consumer pause needs nats-server 2.11+"
        }
        if version >= ServerVersion.consumerPause { return nil }
        return "nats-server \(version) has no consumer pause; needs 2.11+"
    }

    /// `base` with a publish refused on each stream that cannot take one: a mirror, a sealed stream, a stream
    /// with no subjects of its own (it only sources others). The server would refuse it; this says why first.
    public static func perStream(_ base: Capabilities, streams: [StreamFacts]) -> Capabilities {
        base.refusing(.publish, on: streams.map { (.topic($0.name), publishRefusal($0)) })
    }

    /// Why a stream takes no publish, or nil when it does.
    static func publishRefusal(_ stream: StreamFacts) -> String? {
        if stream.sealed { return "\(stream.name) is sealed: it takes no new messages" }
        if let origin = stream.mirrorOf {
            return "\(stream.name) mirrors \(origin): JetStream fills a mirror only from its origin, so publish to \(origin)'s subjects"
        }
        if stream.subjects.isEmpty { return "\(stream.name) has no subjects of its own: it takes messages only from its sources" }
        return nil
    }
}
