import SluiceModel

/// Editing and submitting the publish and replay forms.
extension Reducer {
    mutating func formAction(_ action: Action, key: Key) {
        guard case .form(var form) = state.overlay else { return }
        let count = form.fields.count
        switch action {
        case .close: state.overlay = .none; return
        case .nextField: form.focusedField = (form.focusedField + 1) % count
        case .previousField: form.focusedField = (form.focusedField + count - 1) % count
        case .previousChoice, .nextChoice:
            form.fields[form.focusedField].cycle(by: action == .nextChoice ? 1 : -1)
            if ["group", "topic"].contains(form.fields[form.focusedField].name) { form.refreshPartitions(snapshot) }
        case .type:
            if case .char(let c) = key, !form.fields[form.focusedField].isChoice {
                form.fields[form.focusedField].text.append(c)
            }
        case .deleteBackward:
            if !form.fields[form.focusedField].isChoice, !form.fields[form.focusedField].text.isEmpty {
                form.fields[form.focusedField].text.removeLast()
            }
        case .submit: return submit(form)
        default: break
        }
        form.error = nil
        state.overlay = .form(form)
    }

    mutating func submit(_ form: Form) {
        switch form.purpose {
        case .publish:
            let target = form.value("target")
            guard !target.isEmpty else { return refuse(form, "there is no topic or queue to publish to") }
            let key = form.value("key"), id = form.value("message id")
            switch HeaderFieldText.parse(form.value("headers")) {
            case .failure(let problem): refuse(form, problem.message)
            case .success(let headers):
                state.overlay = .none
                send([.publish(target: target, key: key.isEmpty ? nil : key, value: Array(form.value("value").utf8),
                                         headers: headers, messageId: id.isEmpty ? nil : id)])
            }
        case .redrive:
            let name = form.value("dead-letter queue"), rateText = form.value("per second").trimmingSpaces
            guard let dlq = snapshot.queues.first(where: { $0.name == name }) else { return refuse(form, "choose a dead-letter queue") }
            let rate: Double? = rateText == "all" ? nil : Double(rateText)
            guard rateText == "all" || (rate.map { $0.isFinite && $0 >= 1.0 / 86_400 } ?? false) else {
                return refuse(form, "per second is a rate above 0 (e.g. 5 or 0.5), or all")
            }
            let back = dlq.deadLetterOf.isEmpty ? "" : " back to " + dlq.deadLetterOf.map(UntrustedText.escape).joined(separator: " and ")
            let pace = rate.map { " at " + Format.rate($0) } ?? " all at once"
            ask("Redrive \(dlq.depth) dead letters from \(UntrustedText.escape(dlq.name))\(back)\(pace)?",
                [.redrive(deadLetterQueue: dlq.name, perSecond: rate)])
        case .browse:
            guard case .partition(let partition) = form.chosen("partition") else { return refuse(form, "choose a topic") }
            switch Self.position(kind: form.value("from"), form.positionText, now: snapshot.clock.now) {
            case .failure(let problem): refuse(form, problem.message)
            case .success(let position):
                state.overlay = .none
                inspect(.partition(topic: partition.topic, partition: partition.partition, from: position))
            }
        case .claim:
            let consumer = form.value("for consumer").trimmingSpaces
            guard case .group(let id) = form.chosen("group"), let found = snapshot.group(id) else { return refuse(form, "choose a group") }
            guard !consumer.isEmpty else { return refuse(form, "name the consumer that takes the entries") }
            guard let idle = DurationText.parse(form.value("idle at least").trimmingSpaces), idle < Nanos.max else {
                return refuse(form, "idle at least is a duration, like a scenario file's: 500ms, 30s, 5m")
            }
            let words = snapshot.capabilities.words(for: .claim)
            let pending = found.members.reduce(0) { $0 + $1.inFlight }
            ask("\(words.verb) the entries of \(UntrustedText.escape(found.id.description)) pending \(Format.duration(idle)) or more for "
                + "\(UntrustedText.escape(consumer))? \(pending) pending now. \(words.consequence)",
                [.claim(group: found.id, consumer: consumer, minIdle: idle)])
        case .replay:
            switch Self.replayRequest(form, snapshot) {
            case .failure(let problem): refuse(form, problem.message)
            case .success(let request):
                let scope = request.partition.map { snapshot.group(request.group)?.subscriptions.count == 1
                    ? "partition \($0.partition)" : "partition " + UntrustedText.escape($0.description) } ?? "all partitions"
                // Where a replay only does part of it (JetStream browses), the question says so before it is sent.
                let seek = Command.seek(group: request.group, partition: request.partition, to: request.position)
                let instead = snapshot.capabilities.partialNote(of: seek).map { " " + UntrustedText.escape($0) + "." } ?? ""
                ask("Replay \(UntrustedText.escape(request.group.description)) (\(scope)) to \(Self.describe(request.position))?" + instead,
                    [.seek(group: request.group, partition: request.partition, to: request.position)], replay: request)
            }
        }
    }

    mutating func refuse(_ form: Form, _ problem: String) {
        var refused = form
        refused.error = problem
        state.overlay = .form(refused)
    }

    struct FormProblem: Error { let message: String }

    /// The seek the replay form describes over `snapshot`'s groups, or what is wrong with it; the snapshot's
    /// clock places a time before now (`-5m`).
    static func replayRequest(_ form: Form, _ snapshot: SystemSnapshot) -> Result<ReplayRequest, FormProblem> {
        guard case .group(let id) = form.chosen("group"), let group = snapshot.group(id) else {
            return .failure(FormProblem(message: "choose a group"))
        }
        var partition: PartitionRef?
        switch form.chosen("partition") {
        case .allPartitions: partition = nil
        case .partition(let chosen) where group.partition(chosen) != nil: partition = chosen
        default: return .failure(FormProblem(message: "choose a partition the group reads, or all"))
        }
        return position(kind: form.value("to"), form.positionText, now: snapshot.clock.now).map {
            ReplayRequest(group: group.id, partition: partition, position: $0)
        }
    }

    /// The position a form's choice (`earliest`, `latest`, `offset`, `time`, `id`) and typed text name.
    static func position(kind: String, _ typed: String, now: Nanos) -> Result<SeekPosition, FormProblem> {
        let argument = typed.trimmingSpaces
        switch kind {
        case "latest": return .success(.latest)
        case "offset":
            guard let offset = Int64(argument), offset >= 0 else {
                return .failure(FormProblem(message: "offset must be a whole number, 0 or more"))
            }
            return .success(.offset(offset))
        case "time":
            guard let nanos = Self.runTime(argument, now: now) else {
                return .failure(FormProblem(message: "time since the start, like a scenario file: 90s, 5m, 1h30m, or 12.5 "
                                                     + "(seconds); or before now: -5m"))
            }
            return .success(.time(nanos))
        case "id":
            guard !argument.isEmpty else { return .failure(FormProblem(message: "type the id to start from")) }
            return .success(.entryID(argument))
        default: return .success(.earliest)
        }
    }

    /// A time on the run's clock as a person types it: since the start (`90s`, `12.5`), or before now (`-5m`),
    /// which on a live engine may fall before the attach (a negative run time).
    static func runTime(_ text: String, now: Nanos) -> Nanos? {
        guard text.hasPrefix("-") else { return timeSinceStart(text) }
        return timeSinceStart(String(text.dropFirst())).map { now - $0 }
    }

    /// A time since the start as a person types it: a duration as scenario files write one (`90s`,
    /// `5m`, `1h30m`), or a bare number of seconds (`12.5`).
    static func timeSinceStart(_ text: String) -> Nanos? {
        if let seconds = Double(text) {
            guard seconds.isFinite, seconds >= 0, seconds < 1e9 else { return nil }
            return Nanos(seconds * Double(NanosPerUnit.second))
        }
        // Too long a duration reads as Nanos.max: refused like a number of seconds that is too large.
        return DurationText.parse(text).flatMap { $0 < 1_000_000_000 * NanosPerUnit.second ? $0 : nil }
    }

    static func describe(_ position: SeekPosition) -> String {
        switch position {
        case .earliest: "the earliest offset"
        case .latest: "the latest offset"
        case .offset(let offset): "offset \(offset)"
        case .time(let nanos): "time " + Format.clock(nanos)
        case .entryID(let id): "id " + UntrustedText.escape(id)
        }
    }
}

extension String {
    var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
