/// The words a scenario or lesson file chooses among. Each is an enum read with `TableReader.choice(_:as:)`,
/// so the accepted values an error lists are the cases, and code matches cases, never string literals.
/// Cases are in the order errors list them.

/// `retry = { backoff = ... }`
enum BackoffChoice: String, CaseIterable {
    case exponential, fixed, list, none
}

/// `arrivals = ...` on a producer.
enum ArrivalsChoice: String, CaseIterable {
    case poisson, constant, bursty
}

/// `keys = { distribution = ... }` on a producer.
enum KeyDistributionChoice: String, CaseIterable {
    case uniform, zipf, none
}

/// `service = { distribution = ... }` on a consumer.
enum ServiceDistributionChoice: String, CaseIterable {
    case constant, exponential, uniform, lognormal
}

/// Where a new group starts reading (`start`), or where a lesson's replay goes (`to`).
enum StartChoice: String, CaseIterable {
    case earliest, latest
}

/// The bug a lesson's deployed read model has, if any (`bug`).
enum ProjectionBugChoice: String, CaseIterable {
    case none
    case dropsWithdrawals = "drops_withdrawals"
}

/// A lesson step's actions that only lessons have; any other `action` is a fault action.
enum LessonMoveChoice: String, CaseIterable {
    case replay
    case restartConnector = "restart_connector"
    case deployProjection = "deploy_projection"
}
