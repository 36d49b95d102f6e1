public import SluiceModel

/// What the dashboard may ask of a live Redis, and why the rest is unavailable.
public enum RedisCapabilities {
    /// The reason each action is missing; read-only attaches lose every action that changes the server.
    public static func make(readOnly: Bool) -> Capabilities {
        var unavailable: [CommandKind: String] = [
            .pauseResume: "Redis cannot pause a consumer: a consumer reads when its own client calls XREADGROUP",
            .crash: "Sluice does not run a live server's clients, so it cannot crash or restart them",
            .poison: "no poison injection on a live server; publish a malformed entry instead",
            .outage: "downstream outages exist only in the simulation",
            .rate: "a live server's producers are not Sluice's to throttle",
            .redrive: "redrive is not built for Redis yet: read the dead-letter stream with your own consumer",
            .purge: "purge is for work queues; trim a Redis stream with XTRIM from your own client",
            .copyToDeadLetter: "u on a member moves its most-delivered pending entry to the dead-letter stream",
        ]
        unavailable.refuseAll(CommandKind.time, "a live server runs in real time")
        unavailable.refuseAll(CommandKind.lessons, "lessons run on the simulation")
        unavailable[.addInstance] = "a Redis consumer comes into being with its client's first XREADGROUP; Sluice only "
            + "deletes idle ones (-)"
        if readOnly {
            for kind in [CommandKind.publish, .seek, .removeInstance, .claim] {
                unavailable[kind] = "attached with --read-only"
            }
        }
        return Capabilities(unavailable: unavailable, entryID: "entry id, like 1700000000000-0", wording: wording)
    }

    /// `base` with a claim refused on each group with nothing pending: there is no entry to hand to another consumer.
    public static func perGroup(_ base: Capabilities, groups: [RedisGroupFacts]) -> Capabilities {
        base.refusing(.claim, on: groups.map { group in
            (.group(group.id), group.pending > 0 ? nil
                : "nothing is pending in \(group.id): every entry it was handed is acknowledged, so none waits for another consumer")
        })
    }

    /// `-`, `u` and claiming in Redis's terms: what the server is asked to do.
    static let wording: [ConfirmedAction: ActionWording] = [
        .removeInstance: ActionWording(verb: "Delete the consumer idle longest with nothing pending from",
                                       consequence: "XGROUP DELCONSUMER; one with pending entries is never deleted."),
        .skipStuck: ActionWording(verb: "Dead-letter",
                                  consequence: "It is added to the dead-letter stream and acknowledged in the group "
                                      + "(XADD there, then XACK, in one MULTI)."),
        .claim: ActionWording(verb: "Claim",
                              consequence: "XAUTOCLAIM: at most 100, each counted as one more delivery to that consumer."),
    ]
}
