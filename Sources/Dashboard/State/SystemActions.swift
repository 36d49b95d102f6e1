import SluiceModel

/// The actions that act on the system behind the dashboard: time, faults, scaling, replay, publishing.
extension Reducer {
    mutating func performSystemAction(_ action: Action) {
        let t = targets
        switch action {
        case .togglePause: send([.setPaused(!snapshot.clock.paused)])
        case .step:
            send(snapshot.clock.paused ? [.step] : [.setPaused(true), .step])
        case .slower: changeSpeed(faster: false)
        case .faster: changeSpeed(faster: true)
        case .restartWithNewSeed:
            let seed = DashboardApp.nextSeed(after: snapshot.source.seed)
            ask("Restart the run from the beginning with seed \(seed)?", [.restartRun(seed: seed)])
        case .publish: state.overlay = .form(.publish(snapshot, target: t.publishTarget))
        case .browse:
            guard !snapshot.topics.isEmpty else { return hint("no topic or stream to browse") }
            let (topic, partition) = t.browsed
            state.overlay = .form(.browse(snapshot, topic: topic, partition: partition))
        case .pauseResume: pauseResume(t)
        case .replay:
            guard !snapshot.groups.isEmpty else { return hint("no consumer group to replay") }
            state.overlay = .form(.replay(snapshot, group: t.group, partition: t.partition))
        case .addInstance:
            guard let consumer = t.consumer else { return hint("select a group or member first") }
            send([.addInstance(consumer: consumer)])
        case .removeInstance:
            guard let consumer = t.consumer else { return hint("select a group or member first") }
            let words = snapshot.capabilities.words(for: .removeInstance)
            ask("\(words.verb) \(UntrustedText.escape(consumer))? \(words.consequence)", [.removeInstance(consumer: consumer)])
        case .claim:
            guard !snapshot.groups.isEmpty else { return hint("no consumer group to claim from") }
            state.overlay = .form(.claim(snapshot, group: t.group, member: t.member?.member))
        case .crashOrRestart: crashOrRestart(t)
        case .skipStuck: skipStuck(t)
        case .poison:
            guard let target = t.publishTarget else { return hint("no topic or queue to poison") }
            ask("Send a poison message to \(UntrustedText.escape(target))?", [.injectPoison(target: target)])
        case .outage:
            guard let downstream = t.downstream else { return hint("this system has no downstream to take down") }
            let name = UntrustedText.escape(downstream.name)
            // A backend's own fault (a Kafka listener's) is switched like an outage, and says what it is.
            if snapshot.breakers.first(where: { $0.name == downstream.name })?.isFault == true {
                send([.setOutage(downstream: downstream.name, down: downstream.up)])
            } else if downstream.up {
                ask("Start an outage of \(name)? Calls to it fail until you stop it.",
                    [.setOutage(downstream: downstream.name, down: true)])
            } else {
                send([.setOutage(downstream: downstream.name, down: false)])
            }
        case .rateSpike:
            guard let producer = t.producer else { return hint("no producer to spike") }
            send([.setRateMultiplier(producer: producer.name, multiplier: producer.multiplier == 1 ? 10 : 1)])
        case .redrive:
            guard let dlq = t.deadLetterQueue else { return hint("no dead-letter queue") }
            state.overlay = .form(.redrive(snapshot, queue: dlq.name))
        case .purge:
            guard case .queue(let name) = t.selected, let queue = snapshot.queues.first(where: { $0.name == name }) else {
                return hint("select a queue in " + PanelID.queues.title + " to purge it")
            }
            ask("Purge \(UntrustedText.escape(name))? Its \(queue.waiting) ready messages are dropped for good; "
                + "unacknowledged ones stay with their consumers.", [.purge(queue: name)])
        case .lessonNext, .lessonPrevious:
            guard snapshot.lesson != nil else {
                return hint(snapshot.lessonCatalog.isEmpty ? "no lesson is running" : "no lesson is running: L lists them")
            }
            send([.lessonStep(delta: action == .lessonNext ? 1 : -1)])
        case .openLessons:
            guard !snapshot.lessonCatalog.isEmpty else { return hint("this backend has no lessons") }
            let current = snapshot.lessonCatalog.firstIndex { $0.name == snapshot.source.name } ?? 0
            state.overlay = .lessons(selected: current)
        default: break
        }
    }

    mutating func changeSpeed(faster: Bool) {
        let current = snapshot.clock.speed
        let next = faster ? DashboardApp.speeds.first { $0 > current * 1.001 }
                          : DashboardApp.speeds.last { $0 < current * 0.999 }
        guard let next else { return hint("speed is already " + Format.speed(current)) }
        send([.setSpeed(next)])
    }

    mutating func pauseResume(_ t: Targets) {
        if let member = t.member {
            let paused = t.instanceState(member.member, group: member.group) == .paused
            send([paused ? .resume(consumers: member.group, member: member.member)
                                       : .pause(consumers: member.group, member: member.member)])
        } else if case .group(let id) = t.selected {
            send([t.groupPaused(id) ? .resume(consumers: id, member: nil) : .pause(consumers: id, member: nil)])
        } else {
            hint("select a member or a group in " + PanelID.groups.title + " to pause it")
        }
    }

    mutating func skipStuck(_ t: Targets) {
        guard let member = t.member, let group = member.group.group,
              let found = snapshot.group(group)?.members.first(where: { $0.id == member.member })
        else { return hint("select a stream member in " + PanelID.groups.title) }
        guard let stuck = found.stuck else { return hint(UntrustedText.escape(member.member) + " is not stuck on a record") }
        let words = snapshot.capabilities.words(for: .skipStuck)
        ask("\(words.verb) p\(stuck.partition.partition)@\(stuck.offset), which \(UntrustedText.escape(member.member)) has tried "
            + "\(stuck.attempt) times" + (stuck.lastError.map { " (" + UntrustedText.escape($0) + ")" } ?? "")
            + "? \(words.consequence)",
            [.skip(group: group, partition: stuck.partition, offset: stuck.offset)])
    }

    mutating func crashOrRestart(_ t: Targets) {
        guard let member = t.member else { return hint("select an instance in " + PanelID.groups.title) }
        if t.instanceState(member.member, group: member.group) == .crashed {
            send([.restart(instance: member.member)])
        } else {
            ask("Crash \(UntrustedText.escape(member.member))? Its in-flight work is lost and redelivered.",
                [.crash(instance: member.member)])
        }
    }
}
