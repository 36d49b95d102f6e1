public import SluiceModel

/// What the dashboard may ask of a Kafka cluster, and why the rest is unavailable.
public enum KafkaCapabilities {
    /// The reason each action is missing; read-only attaches lose every action that changes the cluster.
    public static func make(readOnly: Bool) -> Capabilities {
        var unavailable: [CommandKind: String] = [
            .pauseResume: "Kafka cannot pause a remote consumer: only the consumer itself pauses its partitions",
            .purge: "Kafka keeps records until retention drops them; delete up to an offset with kafka-delete-records",
            .crash: "Sluice does not run a live cluster's clients, so it cannot crash or restart them",
            .poison: "no poison injection on a live cluster; publish a malformed record instead",
            .outage: "downstream outages exist only in the simulation",
            .rate: "a live cluster's producers are not Sluice's to throttle",
            .copyToDeadLetter: "publish the record to the dead-letter topic instead",
            .claim: "a Kafka group's members own partitions, not single messages: there is nothing pending to claim",
        ]
        unavailable.refuseAll(CommandKind.time, "a live cluster runs in real time")
        unavailable.refuseAll(CommandKind.lessons, "lessons run on the simulation")
        unavailable.refuseAll(CommandKind.scale, "Kafka consumers scale by running more client processes;"
                              + " Sluice only watches them")
        if readOnly {
            for kind in [CommandKind.publish, .seek, .redrive] { unavailable[kind] = "attached with --read-only" }
        }
        return Capabilities(unavailable: unavailable)
    }

    /// `base` with a reset refused on each group that has members now (`members`: by group, nil where unknown).
    public static func perGroup(_ base: Capabilities, members: [(group: GroupID, members: Int?)]) -> Capabilities {
        base.refusing(.seek, on: members.map { (.group($0.group), resetRefusal(group: $0.group.name, members: $0.members)) })
    }

    /// Why a group's offsets cannot be reset now, or nil when they can: Kafka refuses while it has members.
    public static func resetRefusal(group: String, members: Int?) -> String? {
        guard let members, members > 0 else { return nil }
        return "\(group) has \(members) member\(members == 1 ? "" : "s"); Kafka resets a group's "
            + "offsets only while it is empty (stop its consumers first)"
    }
}
