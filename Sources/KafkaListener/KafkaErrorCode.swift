/// The Kafka error codes the listener answers with (Kafka's `Errors` enum, by wire value).
enum KafkaErrorCode: Int16 {
    case none = 0
    case offsetOutOfRange = 1
    case corruptMessage = 2
    case unknownTopicOrPartition = 3
    case invalidPartitions = 37
    case invalidRequest = 42
    case unsupportedVersion = 35
    case topicAlreadyExists = 36
    case invalidTopic = 17
    case invalidTimestamp = 32
    case illegalGeneration = 22
    case inconsistentGroupProtocol = 23
    case invalidGroupId = 24
    case unknownMemberId = 25
    case invalidSessionTimeout = 26
    case rebalanceInProgress = 27
    case memberIdRequired = 79
    case outOfOrderSequenceNumber = 45
    case invalidProducerEpoch = 47
    case nonEmptyGroup = 68
    case groupIdNotFound = 69
    case groupSubscribedToTopic = 86
    case unsupportedCompressionType = 76
    case unknownServerError = -1
}
