import Testing
import SluiceModel

@Suite struct ExplanationsTests {
    @Test func lagSaysHowItIsComputed() throws {
        let lag = try #require(Explanations.explain("lag"))
        #expect(lag.computation.contains("log end offset - committed offset"))
        #expect(Explanations.explain("Final-Lag") == lag, "aliases and spelling variants find the same entry")
    }

    @Test func everyEntryIsCompleteAndKeysAreUnique() {
        let keys = Explanations.all.map(\.key)
        #expect(Set(keys).count == keys.count)
        for entry in Explanations.all {
            #expect(!entry.title.isEmpty && !entry.meaning.isEmpty && !entry.computation.isEmpty, "\(entry.key)")
            #expect(entry.key == entry.key.lowercased() && !entry.key.contains(" "))
        }
        #expect(Explanations.explain("no such number") == nil)
    }

    @Test func theLessonsKeyNumbersAreExplained() {
        for key in ["mean_wait_s", "mean_in_system", "attempts_per_message", "duplicates_delivered", "duplicate_effects",
                    "order_violations", "idle_members", "dead_lettered", "utilization", "in_flight", "breaker"] {
            #expect(Explanations.explain(key) != nil, "\(key)")
        }
    }
}
