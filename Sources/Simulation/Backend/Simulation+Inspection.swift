public import Broker
public import SluiceModel

extension Simulation {
    /// A page of what the broker holds, with what only the simulation knows added: which records
    /// its stream consumers are working on now, at which attempt, and why the last one failed.
    public func inspect(_ target: InspectTarget) throws(BrokerError) -> Inspection {
        var inspection = try broker.inspect(target)
        guard case .partition(let topicName, let partition, _) = target,
              let first = inspection.messages.first?.offset else { return inspection }
        for instance in consumers.allInstances where instance.exists {
            guard case .stream(let group, _) = consumers[instance.consumer].source, group.topic.name == topicName else { continue }
            for case let job? in instance.slots where job.delivery == nil && job.partition == partition {
                let index = Int(job.offset - first)
                guard inspection.messages.indices.contains(index) else { continue }
                inspection.messages[index].state = job.attempt > 1 ? .retrying : .inProgress
                inspection.messages[index].deliveryCount = job.attempt
                inspection.messages[index].history.append(.attempt(consumer: instance.name, attempt: job.attempt,
                                                                   lastError: job.lastError))
            }
        }
        return inspection
    }
}
