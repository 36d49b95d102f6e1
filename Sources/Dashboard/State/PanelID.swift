/// The panels of the screen that can take focus, in Tab order.
public enum PanelID: String, CaseIterable, Hashable, Sendable {
    case partitions, groups, throughput, retries, queues, events, inspector, lesson

    public var title: String {
        switch self {
        case .partitions: "Partitions"
        case .groups: "Groups & members"
        case .throughput: "Throughput & lag"
        case .retries: "Retries & dead letters"
        case .queues: "Queues"
        case .events: "Event log"
        case .inspector: "Inspector"
        case .lesson: "Lesson"
        }
    }
}
