/// A response that must wait for something: a fetch for records (Kafka's long poll), a join for the
/// other members, a sync for the leader's assignment.
///
/// The connection asks again every few milliseconds; requests behind it on the same connection wait.
struct PendingResponse {
    let maxWaitMilliseconds: Int64
    /// Tries again; returns the outcome once it is ready, or whatever there is when `final`.
    let attempt: (_ final: Bool) -> KafkaService.Outcome?
}
