import Dashboard
import DashboardFixtures
import SluiceModel
import Testing

/// A panel's rows listed lazily (runs of the snapshot's own arrays) read the same, row by row, as the
/// rows a filter lists one by one.
@Suite struct PanelItemListTests {
    /// Every id has a slash ("orders/billing", "billing/2", "email-sender/1"), so this filter keeps every row.
    static let keepsEveryGroupRow = "/"

    @Test func theGroupsPanelListsTheSameRowsLazilyAsThroughAFilterThatKeepsThemAll() {
        for snapshot in [Fixtures.checkout, SnapshotFixture.large(partitions: 300, members: 90).snapshot(at: 60)] {
            let lazy = PanelItems.items(.groups, snapshot, filter: "")
            let filtered = PanelItems.items(.groups, snapshot, filter: Self.keepsEveryGroupRow)
            #expect(lazy.count == filtered.count)
            #expect(Array(lazy) == Array(filtered))
            // A crashed instance is no member, yet it is listed under its group, after the members.
            let crashed = snapshot.instances.filter { $0.state == .crashed }
            #expect(!crashed.isEmpty)
            for instance in crashed {
                let group = instance.source
                let rows = lazy.indices.filter { lazy[$0] == .member(group: group, member: instance.id) }
                let lastMember = lazy.lastIndex { if case .member(group, _) = $0 { true } else { false } }
                #expect(rows.count == 1 && rows.first == lastMember)
            }
        }
    }

    @Test func thePartitionsPanelFindsEveryRowAcrossTopics() throws {
        var snapshot = SnapshotFixture.large(partitions: 5_000, members: 500).snapshot(at: 60)
        let orders = try #require(snapshot.topics.first)
        var payments = orders
        payments.name = "payments"
        payments.partitions = Array(orders.partitions.prefix(3))
        var exchange = orders
        exchange.name = "exchange"
        exchange.partitions = []
        snapshot.topics = [orders, exchange, payments]
        let items = PanelItems.items(.partitions, snapshot, filter: "")
        #expect(items.count == 1 + 5_000 + 1 + 1 + 3)
        #expect(items.first == .topic("orders"))
        #expect(items[1] == .partition(topic: "orders", index: 0))
        #expect(items[5_000] == .partition(topic: "orders", index: 4_999))
        #expect(items[5_001] == .topic("exchange"))
        #expect(items[5_002] == .topic("payments"))
        #expect(Array(items.suffix(3)) == (0..<3).map { .partition(topic: "payments", index: $0) })
        // The same rows as a filter matching every topic lists them one by one.
        #expect(PanelItems.items(.partitions, snapshot, filter: "") == PanelItems.items(.partitions, snapshot, filter: "e"))
    }
}
