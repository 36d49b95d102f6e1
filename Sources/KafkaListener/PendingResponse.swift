/// A response that must wait for something: a fetch for records (Kafka's long poll), a join for the
/// other members, a sync for the leader's assignment.
///
/// The connection asks again every few milliseconds (a fetch: at each append, and every 100 ms in case);
/// requests behind it on the same connection wait.
struct PendingResponse {
    let maxWaitMilliseconds: Int64
    /// Whether new records are what it waits for, so that an append should wake it.
    var wakesOnAppend = false
    /// Tries again; returns the outcome once it is ready, or whatever there is when `final`.
    let attempt: (_ final: Bool) -> KafkaService.Outcome?
}
