import Broker
import KafkaProtocol

extension KafkaService {
    /// Gives an idempotent producer its id (or the next epoch of the one it had). Transactional producers are
    /// refused: transactions are not implemented, and their APIs are not advertised.
    func initProducerId(_ request: InitProducerIdRequest, clientId: String = "") -> InitProducerIdResponse {
        var response = InitProducerIdResponse()
        guard (request.transactionalId ?? "").isEmpty else {
            response.errorCode = KafkaErrorCode.invalidRequest.rawValue
            return response
        }
        let existing = request.producerId >= 0 ? (request.producerId, request.producerEpoch) : nil
        let (id, epoch) = producers.initProducer(existing: existing, clientId: clientId)
        response.producerId = id
        response.producerEpoch = epoch
        return response
    }
}
