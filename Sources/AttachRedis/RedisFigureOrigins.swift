public import SluiceModel

/// What `e` says each number on a Redis attach is made of: XINFO STREAM, XINFO GROUPS, XINFO CONSUMERS
/// and XPENDING, and the arithmetic `RedisHistory` does on them. Figures Redis does not keep say so.
public enum RedisFigureOrigins {
    public static func make(pollInterval: Nanos) -> FigureOrigins {
        let polls = "the last two polls (\(DurationText.format(pollInterval)) apart)"
        let pendingList = "the group's pending entries list (XPENDING): entries handed to a consumer (XREADGROUP) and "
            + "not acknowledged (XACK) yet"
        return FigureOrigins(reporter: "the Redis server", rateWindow: "between " + polls, byKey: [
            "partition": "a stream is one partition: its offsets count the entries added to it (XINFO STREAM entries-added)",
            "log_end_offset": "entries-added of XINFO STREAM: every entry ever added, deleted or trimmed ones included",
            "log_start_offset": "entries-added - length (XINFO STREAM): the entries trimmed (MAXLEN, MINID) or deleted (XDEL)",
            "produced_rate": "(entries-added now - entries-added at the poll before, XINFO STREAM) / the seconds between " + polls,
            "lag": "the group's lag from XINFO GROUPS (Redis 7): entries added after its last-delivered-id; where Redis "
                + "cannot say (after deletions, or SETID to an arbitrary id) Sluice counts them with XRANGE and says so",
            "committed_offset": "entries-added - lag (XINFO STREAM and XINFO GROUPS): the entries the group was handed; "
                + "Redis keeps a last-delivered-id, not a committed offset",
            "position": "the same as the committed offset: Redis keeps one last-delivered-id per group (XINFO GROUPS), "
                + "not a position per consumer",
            "throughput": "(entries-read now - entries-read at the poll before, XINFO GROUPS) / the seconds between " + polls
                + ": entries handed to the group's consumers; Redis reports no failures, so failing is 0%",
            "assignment": "the group's consumers from XINFO CONSUMERS; every consumer reads the whole stream",
            "records_in_flight": "a consumer's pending count (XINFO CONSUMERS): " + pendingList,
            "in_flight": "the group's pending count (XINFO GROUPS pending): " + pendingList,
            "waiting": "the group's lag (XINFO GROUPS): entries added and not yet handed to any consumer of the group",
            "queue_depth": "waiting + in flight: the group's lag and its pending count (XINFO GROUPS); for a dead-letter "
                + "stream, its length (XINFO STREAM)",
            "delivery_count": "each pending entry's delivery counter from XPENDING (extended form): how many times "
                + "XREADGROUP or XCLAIM handed it out; idle is the time since the last of those",
            "redelivered": "pending entries whose XPENDING delivery counter is above 1, in the sample of the pending list "
                + "Sluice reads each poll",
            "attempts_per_message": "the XPENDING delivery counters of the sampled pending entries, counted per value",
            "dead_lettered": "a stream named as a dead-letter stream (NAME:dlq, NAME.dlq or --dlq-pattern) paired with "
                + "NAME: its length and entries-added (XINFO STREAM)",
            "idle_members": "not a Redis notion: every consumer of a group may read any entry",
            "max_in_flight": "not a Redis figure: how many entries a consumer asks for (XREADGROUP COUNT) is its own setting",
            "ack_deadline": "not a Redis figure: an entry stays pending until XACK; a stuck one is claimed (XAUTOCLAIM) after "
                + "an idle time the claimer chooses",
            "backoff": "not a Redis figure: Redis does not retry; a consumer reads its own pending entries again "
                + "(XREADGROUP from 0) or another claims them (XAUTOCLAIM) when it chooses",
            "drain_time": "lag / (read rate - produced rate): entries-read (XINFO GROUPS) and entries-added (XINFO STREAM) "
                + "between " + polls,
        ])
    }
}
