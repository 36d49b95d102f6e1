/// Where a queue's dead letters land: its dead-letter exchange and routing key followed through the
/// bindings, as RabbitMQ routes them, to the queues that receive them.
public struct DeadLetterRouting: Sendable {
    private let exchangeTypes: [String: String]
    private let bindingsBySource: [String: [RabbitBindingFacts]]
    private let queueNames: Set<String>

    public init(exchanges: [RabbitExchangeFacts], bindings: [RabbitBindingFacts], queues: [String]) {
        exchangeTypes = Dictionary(exchanges.map { ($0.name, $0.type) }, uniquingKeysWith: { first, _ in first })
        bindingsBySource = Dictionary(grouping: bindings, by: \.source)
        queueNames = Set(queues)
    }

    /// The queues `queue`'s dead letters reach, sorted; empty when it has no dead-letter exchange or
    /// nothing is bound to receive them.
    ///
    /// Without a dead-letter routing key a letter keeps the routing key it was published with, which
    /// Sluice cannot know; it assumes the keys the queue itself is bound with (and its own name, the
    /// default exchange's key), which is what a letter routed to it carried.
    public func deadLetterQueues(of queue: RabbitQueueFacts) -> [String] {
        guard let exchange = queue.deadLetterExchange else { return [] }
        let keys = queue.deadLetterRoutingKey.map { [$0] } ?? keysRoutingTo(queue.name)
        var found = Set<String>()
        for key in keys { route(exchange: exchange, key: key, into: &found, visited: []) }
        return found.sorted()
    }

    private func keysRoutingTo(_ queue: String) -> [String] {
        var keys = [queue]
        for bindings in bindingsBySource.values {
            keys += bindings.filter { $0.destinationIsQueue && $0.destination == queue }.map(\.routingKey)
        }
        return Array(Set(keys)).sorted()
    }

    /// Follows one routing key through an exchange and the exchanges bound to it.
    private func route(exchange: String, key: String, into found: inout Set<String>, visited: Set<String>) {
        if exchange.isEmpty {
            // The default exchange routes to the queue named by the key.
            if queueNames.contains(key) { found.insert(key) }
            return
        }
        guard !visited.contains(exchange) else { return }
        let type = exchangeTypes[exchange] ?? "direct"
        for binding in bindingsBySource[exchange] ?? [] where Self.matches(type: type, bindingKey: binding.routingKey, key: key) {
            if binding.destinationIsQueue {
                found.insert(binding.destination)
            } else {
                route(exchange: binding.destination, key: key, into: &found, visited: visited.union([exchange]))
            }
        }
    }

    /// Whether a binding of an exchange of `type` takes a message with routing key `key`. A headers
    /// exchange matches on headers Sluice does not see, so every binding counts as a possible route.
    static func matches(type: String, bindingKey: String, key: String) -> Bool {
        switch type {
        case "fanout", "headers": true
        case "topic": topicMatches(pattern: bindingKey.split(separator: ".", omittingEmptySubsequences: false)[...],
                                   words: key.split(separator: ".", omittingEmptySubsequences: false)[...])
        default: bindingKey == key
        }
    }

    /// AMQP topic matching: `*` is exactly one word, `#` zero or more.
    static func topicMatches(pattern: ArraySlice<Substring>, words: ArraySlice<Substring>) -> Bool {
        guard let first = pattern.first else { return words.isEmpty }
        let rest = pattern.dropFirst()
        if first == "#" {
            var remaining = words
            while true {
                if topicMatches(pattern: rest, words: remaining) { return true }
                guard !remaining.isEmpty else { return false }
                remaining = remaining.dropFirst()
            }
        }
        guard let word = words.first, first == "*" || first == word else { return false }
        return topicMatches(pattern: rest, words: words.dropFirst())
    }
}
