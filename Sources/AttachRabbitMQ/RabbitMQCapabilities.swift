public import SluiceModel

/// What the dashboard may ask of a live RabbitMQ, and why the rest is unavailable.
public enum RabbitMQCapabilities {
    /// The reason each action is missing; read-only attaches lose every action that changes the broker.
    public static func make(readOnly: Bool) -> Capabilities {
        var unavailable: [CommandKind: String] = [
            .pauseResume: "RabbitMQ cannot pause a consumer from outside: a consumer stops when its own client "
                + "cancels (basic.cancel) or its channel's prefetch fills",
            .seek: "a RabbitMQ queue has no offsets to replay: acknowledged messages are gone (a stream queue's "
                + "consumers choose their own offset)",
            .crash: "Sluice does not run a live broker's clients, so it cannot crash or restart them",
            .poison: "no poison injection on a live broker; publish a malformed message instead",
            .outage: "downstream outages exist only in the simulation",
            .rate: "a live broker's publishers are not Sluice's to throttle",
            .copyToDeadLetter: "RabbitMQ dead-letters by itself (reject, expiry, delivery limit); Sluice does not copy letters by hand",
        ]
        unavailable.refuseAll(CommandKind.time, "a live broker runs in real time")
        unavailable.refuseAll(CommandKind.lessons, "lessons run on the simulation")
        unavailable.refuseAll(CommandKind.scale, "Sluice does not run a live broker's consumers, so"
                              + " it cannot add or remove them")
        if readOnly {
            for kind in [CommandKind.publish, .redrive, .purge] {
                unavailable[kind] = "attached with --read-only"
            }
        }
        return Capabilities(unavailable: unavailable)
    }

    /// `base` with browsing refused on each queue it would harm or cannot read (`browseRefusal`).
    public static func perQueue(_ base: Capabilities, queues: [RabbitQueueFacts]) -> Capabilities {
        base.refusing(.inspect, on: queues.map { (.queue($0.name), browseRefusal($0)) })
    }

    /// Why a queue cannot be browsed by get-and-requeue, or nil when it can.
    public static func browseRefusal(_ queue: RabbitQueueFacts) -> String? {
        if queue.kind == .stream {
            return "\(queue.name) is a stream queue: basic.get does not read streams; a stream consumer chooses its offset "
                + "(x-stream-offset)"
        }
        if queue.kind == .quorum, let limit = queue.deliveryLimit {
            return "browsing puts messages back with a requeue, which quorum queue \(queue.name) counts against its delivery "
                + "limit (\(limit)): it could dead-letter them, so Sluice does not"
        }
        return nil
    }
}
