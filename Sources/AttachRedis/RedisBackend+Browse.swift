#if Redis
public import SluiceModel
import AttachSupport

/// The inspector on a live Redis: a stream from an offset (`XRANGE`), a group's pending list, a dead-letter stream.
extension RedisBackend {
    /// Entries Sluice walks at most to find the entry at an offset: Redis has ids, not positions.
    static let walkLimit: Int64 = 10_000

    /// A page of a stream from an offset, or from the first entry at or after a time or an entry id (`XRANGE` from it).
    func browse(_ name: String, from position: SeekPosition) throws(AttachError) -> CommandOutcome {
        guard let stream = streamFacts(name) else { throw AttachError("no stream named \(name)") }
        let first = try targetOffset(position, in: stream)
        let entries: [RedisEntry]
        switch position {
        case .time, .entryID:
            let reply = try connection.expect(["XRANGE", name, try startID(position).description, "+",
                                               "COUNT", "\(Inspection.pageSize)"])
            entries = RedisEntry.entries(reply)
        case .earliest, .latest, .offset:
            entries = try page(of: stream, from: first)
        }
        inspection = Inspection(target: .partition(topic: name, partition: 0, fromOffset: first),
                                messages: entries.enumerated().map { index, entry in
                                    entry.inspected(offset: first + Int64(index), runTime: history.runTime(epochNanos:))
                                },
                                total: Int(clamping: stream.length), before: Int(clamping: first - stream.logStartOffset))
        let found = entries.first.map { " (entry \($0.id))" } ?? ""
        return .done("browsing \(name) from offset \(first)\(found): \(entries.count) entr\(entries.count == 1 ? "y" : "ies")")
    }

    /// Up to a page of entries from `offset`, walking from whichever end (or group position) is nearer.
    private func page(of stream: RedisStreamFacts, from offset: Int64) throws(AttachError) -> [RedisEntry] {
        let size = Int64(Inspection.pageSize)
        let toEnd = stream.entriesAdded - offset
        if toEnd <= 0 { return [] }
        if toEnd <= size {
            return RedisEntry.entries(try connection.expect(["XREVRANGE", stream.name, "+", "-", "COUNT", "\(toEnd)"])).reversed()
        }
        let (start, skip) = try anchor(at: offset, in: stream)
        let reply = try connection.expect(["XRANGE", stream.name, start, "+", "COUNT", "\(skip + size)"])
        return Array(RedisEntry.entries(reply).dropFirst(Int(skip)))
    }

    /// The id of the entry at `offset`.
    func entryID(atOffset offset: Int64, in stream: RedisStreamFacts) throws(AttachError) -> RedisEntryID {
        let toEnd = stream.entriesAdded - offset
        if toEnd > 0, toEnd <= Self.walkLimit {
            let reply = try connection.expect(["XREVRANGE", stream.name, "+", "-", "COUNT", "\(toEnd)"])
            if let id = RedisEntry.entries(reply).last?.id { return id }
        }
        let (start, skip) = try anchor(at: offset, in: stream)
        let reply = try connection.expect(["XRANGE", stream.name, start, "+", "COUNT", "\(skip + 1)"])
        guard let id = RedisEntry.entries(reply).dropFirst(Int(skip)).first?.id else {
            throw AttachError("\(stream.name) holds no entry at offset \(offset)")
        }
        return id
    }

    /// The nearest known place at or before `offset` (the first entry, or just after a group's last-delivered
    /// id) and how many entries lie between it and `offset`.
    private func anchor(at offset: Int64, in stream: RedisStreamFacts) throws(AttachError) -> (start: String, skip: Int64) {
        var best = ("-", offset - stream.logStartOffset)
        for group in latest?.groups ?? [] where group.stream == stream.name {
            guard let undelivered = group.lag ?? (group.countedLag?.atLeast == false ? group.countedLag?.count : nil) else { continue }
            let committed = stream.entriesAdded - undelivered
            if committed <= offset, offset - committed < best.1 { best = ("(" + group.lastDeliveredID.description, offset - committed) }
        }
        guard best.1 <= Self.walkLimit else {
            throw AttachError("offset \(offset) of \(stream.name) is more than \(Self.walkLimit) entries from any "
                                   + "place Sluice knows the id of; browse nearer the start, the end or a group's position")
        }
        return best
    }

    /// A group's pending list (`stream/group`), or a dead-letter stream, as a page of messages.
    func inspectQueue(_ name: String, skip: Int) throws(AttachError) -> CommandOutcome {
        if let group = groupFacts(pendingQueue: name) { return try inspectPending(group, skip: skip) }
        guard let stream = streamFacts(name) else { throw AttachError("no group or dead-letter stream named \(name)") }
        let skip = min(max(0, skip), Int(Self.walkLimit))
        let entries = RedisEntry.entries(try connection.expect(["XRANGE", name, "-", "+", "COUNT", "\(skip + Inspection.pageSize)"]))
            .dropFirst(skip)
        let messages = entries.map { entry in
            var message = entry.inspected(offset: nil, runTime: history.runTime(epochNanos:))
            message.state = .deadLettered
            if let source = entry.value(of: "dlq-source"), let id = entry.value(of: "dlq-id") {
                let deliveries = entry.value(of: "dlq-deliveries").flatMap { Int(String(decoding: $0, as: UTF8.self)) } ?? 0
                message.deliveryCount = deliveries
                message.history = [.note("dead letter of \(String(decoding: source, as: UTF8.self)) entry "
                                         + "\(String(decoding: id, as: UTF8.self)) after \(deliveries) deliveries")]
            }
            return message
        }
        inspection = Inspection(target: .queue(name: name, skip: skip), messages: Array(messages),
                                total: Int(clamping: stream.length), before: skip)
        return .done("\(name): \(messages.count) dead letter\(messages.count == 1 ? "" : "s")")
    }

    /// The oldest pending entries of a group, with their payloads, delivery counts and idle times.
    private func inspectPending(_ group: RedisGroupFacts, skip: Int) throws(AttachError) -> CommandOutcome {
        let skip = min(max(0, skip), Int(Self.walkLimit))
        let reply = try connection.expect(["XPENDING", group.stream, group.name, "-", "+", "\(skip + Inspection.pageSize)"])
        let pending = (reply.elements ?? []).compactMap(RedisPendingEntry.init(reply:)).dropFirst(skip)
        let messages = try pending.map { entry throws(AttachError) -> InspectedMessage in
            let stored = RedisEntry.entries(try connection.expect(["XRANGE", group.stream, entry.id.description, entry.id.description])).first
            var message = stored?.inspected(offset: entry.offset, runTime: history.runTime(epochNanos:))
                ?? InspectedMessage(messageId: entry.id.description, value: [], timestamp: history.runTime(epochNanos: entry.id.epochNanos))
            message.deliveryCount = Int(clamping: entry.deliveries)
            message.state = .inFlight
            let idle = entry.idleMillis * NanosPerUnit.millisecond
            message.history = [.delivered(times: Int(clamping: entry.deliveries), lastAt: now - idle),
                               .note("pending on \(entry.consumer) for \(RedisHistory.millis(entry.idleMillis))")]
            if stored == nil { message.history.append(.note("no longer in \(group.stream): trimmed or deleted")) }
            return message
        }
        inspection = Inspection(target: .queue(name: group.groupID, skip: skip), messages: Array(messages),
                                total: Int(clamping: group.pending), before: skip)
        return .done("\(group.groupID): \(messages.count) pending entr\(messages.count == 1 ? "y" : "ies")")
    }
}
#endif
