#if Redis
public import SluiceModel
public import AttachSupport

/// What the dashboard can change on a live Redis: XADD, XGROUP SETID, a dead-letter move, XGROUP
/// DELCONSUMER and XAUTOCLAIM. Each answers with what the server did, in one line.
extension RedisBackend {
    /// `XADD` with the publish form's fields; a message id becomes the entry id.
    func publish(to stream: String, key: String?, value: [UInt8], headers: [Header],
                 id: String?) throws(AttachError) -> CommandOutcome {
        let fields = RedisPublishFields.make(key: key, value: value, headers: headers)
        let reply = try connection.command(bytes: [Array("XADD".utf8), Array(stream.utf8), Array((id ?? "*").utf8)] + fields)
        if case .error(let message) = reply { throw AttachError("XADD \(stream) failed: \(message)") }
        pollNow()
        return .done("added to \(stream): entry \(reply.text ?? "?") (\(fields.count / 2) field\(fields.count == 2 ? "" : "s"))")
    }

    /// `XGROUP SETID` to the start, the end, an offset, a time or an entry id, keeping Redis's entries-read (and so its lag) right.
    func replay(_ groupID: GroupID, to position: SeekPosition) throws(AttachError) -> CommandOutcome {
        guard let group = groupFacts(groupID) else { throw AttachError("no consumer group \(groupID)") }
        guard let stream = streamFacts(group.stream) else { throw AttachError("no stream named \(group.stream)") }
        let target = try targetOffset(position, in: stream)
        let lastDelivered = try lastDeliveredID(before: target, position: position, in: stream)
        var arguments = ["XGROUP", "SETID", stream.name, group.name, lastDelivered]
        // Without it Redis cannot tell the lag after a move to an arbitrary id.
        arguments += ["ENTRIESREAD", "\(target)"]
        _ = try connection.expect(arguments)
        let moved = group.undelivered.map { SeekCount.moving(from: stream.entriesAdded - $0, to: target).description }
        pollNow()
        return .done("\(groupID) set to \(lastDelivered == "$" ? "the end" : "after \(lastDelivered)") (offset \(target))"
                     + (moved.map { ": \($0)" } ?? ""))
    }

    /// The offset a seek lands on: the next entry the group will be handed.
    func targetOffset(_ position: SeekPosition, in stream: RedisStreamFacts) throws(AttachError) -> Int64 {
        switch position {
        case .earliest: return stream.logStartOffset
        case .latest: return stream.entriesAdded
        case .offset(let offset): return min(max(offset, stream.logStartOffset), stream.entriesAdded)
        case .time, .entryID:
            return try offset(ofFirstAtOrAfter: try startID(position), in: stream)
        }
    }

    /// The id a time or an entry id names: ids begin with the milliseconds at which the entry was added.
    func startID(_ position: SeekPosition) throws(AttachError) -> RedisEntryID {
        switch position {
        case .time(let runTime):
            return RedisEntryID(milliseconds: UInt64(clamping: (history.epochAtStart + runTime) / NanosPerUnit.millisecond))
        case .entryID(let text):
            guard let id = RedisEntryID(text) else {
                throw AttachError("'\(text)' is not a Redis entry id: expected MILLISECONDS-SEQUENCE, like 1700000000000-0")
            }
            return id
        case .earliest: return .zero
        case .latest, .offset: throw AttachError("only a time or an entry id names an entry id")
        }
    }

    /// The offset of the first entry at or after `id`, counted from whichever side of it holds at most
    /// `walkLimit` entries: Redis has ids, not positions.
    func offset(ofFirstAtOrAfter id: RedisEntryID, in stream: RedisStreamFacts) throws(AttachError) -> Int64 {
        let walk = "\(RedisBackend.walkLimit + 1)"
        let after = Int64(try connection.expect(["XRANGE", stream.name, id.description, "+", "COUNT", walk]).elements?.count ?? 0)
        if after <= RedisBackend.walkLimit { return stream.entriesAdded - after }
        let before = Int64(try connection.expect(["XRANGE", stream.name, "-", "(" + id.description, "COUNT", walk])
            .elements?.count ?? 0)
        if before <= RedisBackend.walkLimit { return stream.logStartOffset + before }
        throw AttachError("more than \(RedisBackend.walkLimit) entries of \(stream.name) lie on either side of \(id): "
                               + "Sluice cannot tell its offset; start from an offset near a group's position instead")
    }

    /// The id a group must have been handed last so that `target` comes next.
    private func lastDeliveredID(before target: Int64, position: SeekPosition,
                                 in stream: RedisStreamFacts) throws(AttachError) -> String {
        if target >= stream.entriesAdded { return "$" }
        if target <= stream.logStartOffset { return "0" }
        switch position {
        case .time, .entryID: return try startID(position).predecessor?.description ?? "0"
        case .earliest, .latest, .offset: break
        }
        return try entryID(atOffset: target - 1, in: stream).description
    }

    /// Moves a stuck pending entry to the dead-letter stream (`XADD` there with its fields and where it
    /// came from, then `XACK`), in one MULTI/EXEC so it is never in both places or neither.
    func deadLetterStuck(_ groupID: GroupID, offset: Int64) throws(AttachError) -> CommandOutcome {
        guard let group = groupFacts(groupID) else { throw AttachError("no consumer group \(groupID)") }
        guard let entry = group.pendingEntries.first(where: { $0.offset == offset }) else {
            throw AttachError("\(groupID) has no stuck pending entry at offset \(offset) any more")
        }
        return try moveToDeadLetter(groupID, id: entry.id)
    }

    /// Moves one pending entry of a group to the stream's dead-letter stream and acknowledges it.
    public func moveToDeadLetter(_ groupID: GroupID, id: RedisEntryID,
                                 reason: String = "moved by hand from the dashboard") throws(AttachError) -> CommandOutcome {
        guard let group = groupFacts(groupID) else { throw AttachError("no consumer group \(groupID)") }
        let pending = try connection.expect(["XPENDING", group.stream, group.name, id.description, id.description, "1"])
        guard let facts = pending.elements?.first.flatMap(RedisPendingEntry.init(reply:)) else {
            throw AttachError("entry \(id) is not pending in \(groupID)")
        }
        let original = RedisEntry.entries(try connection.expect(["XRANGE", group.stream, id.description, id.description])).first
        let destination = deadLetterStream(of: group.stream)
        var fields: [[UInt8]] = (original?.fields ?? []).flatMap { [$0.name, $0.value] }
        for (name, value) in [("dlq-source", group.stream), ("dlq-id", id.description), ("dlq-group", group.name),
                              ("dlq-consumer", facts.consumer), ("dlq-deliveries", "\(facts.deliveries)"),
                              ("dlq-reason", original == nil ? reason + "; the entry was no longer in the stream" : reason)] {
            fields += [Array(name.utf8), Array(value.utf8)]
        }
        _ = try connection.expect(["MULTI"])
        let add = try connection.command(bytes: [Array("XADD".utf8), Array(destination.utf8), Array("*".utf8)] + fields)
        let ack = try connection.command(["XACK", group.stream, group.name, id.description])
        let executed = try connection.command(["EXEC"])
        guard case .status = add, case .status = ack, let results = executed.elements, results.count == 2 else {
            _ = try? connection.command(["DISCARD"])
            throw AttachError("moving \(id) to \(destination) failed: \(executed.errorText ?? add.errorText ?? ack.errorText ?? "unexpected reply")")
        }
        if let problem = results.first(where: { $0.errorText != nil })?.errorText {
            throw AttachError("moving \(id) to \(destination) failed part way: \(problem)")
        }
        pollNow()
        return .done("moved \(group.stream) entry \(id) (\(facts.deliveries) deliveries to \(facts.consumer)) to "
                     + "\(destination) as \(results[0].text ?? "?") and acknowledged it in \(group.name)")
    }

    /// The dashboard's `-` on a group: deletes the consumer idle longest among those with nothing pending.
    /// The dashboard names the group only by its name, so a name two streams share is refused.
    func removeIdleConsumer(groupName: String) throws(AttachError) -> CommandOutcome {
        let named = (latest?.groups ?? []).filter { $0.name == groupName || $0.groupID == groupName }
        guard let group = named.first else { throw AttachError("no consumer group \(groupName)") }
        guard named.count == 1 else {
            throw AttachError("groups named \(groupName) read \(named.map(\.stream).joined(separator: ", ")): "
                                   + "Sluice cannot tell which one to remove a consumer from")
        }
        let consumers = try currentConsumers(group)
        guard let idlest = consumers.filter({ $0.pending == 0 }).max(by: { $0.idleMillis < $1.idleMillis }) else {
            throw AttachError("every consumer of \(group.groupID) has pending entries; deleting one would drop "
                                   + "them from the pending list: claim them first")
        }
        return try deleteConsumer(group.id, consumer: idlest.name)
    }

    /// `XGROUP DELCONSUMER` for a consumer with nothing pending: deleting one with pending entries would drop them.
    public func deleteConsumer(_ groupID: GroupID, consumer name: String) throws(AttachError) -> CommandOutcome {
        guard let group = groupFacts(groupID) else { throw AttachError("no consumer group \(groupID)") }
        guard let consumer = try currentConsumers(group).first(where: { $0.name == name }) else {
            throw AttachError("\(groupID) has no consumer \(name)")
        }
        guard consumer.pending == 0 else {
            throw AttachError("\(name) still has \(consumer.pending) pending entr\(consumer.pending == 1 ? "y" : "ies"); "
                                   + "deleting it would drop them from \(group.name)'s pending list: claim them first")
        }
        _ = try connection.expect(["XGROUP", "DELCONSUMER", group.stream, group.name, name])
        pollNow()
        return .done("deleted consumer \(name) from \(groupID) (idle \(RedisHistory.millis(consumer.idleMillis)), nothing pending)")
    }

    /// The group's consumers as the server has them now, not as of the last poll.
    private func currentConsumers(_ group: RedisGroupFacts) throws(AttachError) -> [RedisConsumerFacts] {
        (try connection.expect(["XINFO", "CONSUMERS", group.stream, group.name]).elements ?? [])
            .compactMap(RedisConsumerFacts.init(reply:))
    }

    /// `XAUTOCLAIM`: hands the group's entries pending longer than `minIdle` to `consumer`, up to `count`.
    /// Without JUSTID, so each claim counts as a delivery and a message claimed round and round shows as stuck.
    public func claim(_ groupID: GroupID, for consumer: String, minIdleMillis: Int64,
                      count: Int = 100) throws(AttachError) -> CommandOutcome {
        guard let group = groupFacts(groupID) else { throw AttachError("no consumer group \(groupID)") }
        guard minIdleMillis >= 0 else { throw AttachError("the minimum idle time must be 0 or more") }
        guard !consumer.isEmpty else { throw AttachError("name the consumer that takes the entries") }
        let reply = try connection.expect(["XAUTOCLAIM", group.stream, group.name, consumer, "\(minIdleMillis)", "0-0",
                                           "COUNT", "\(max(1, count))"])
        let claimed = reply.elements.flatMap { $0.count >= 2 ? $0[1].elements : nil } ?? []
        pollNow()
        return .done("claimed \(claimed.count) entr\(claimed.count == 1 ? "y" : "ies") of \(groupID) idle "
                     + "\(RedisHistory.millis(minIdleMillis)) or more for \(consumer)")
    }
}

extension RedisReply {
    /// The message of an error reply.
    var errorText: String? {
        if case .error(let message) = self { return message }
        return nil
    }
}
#endif
