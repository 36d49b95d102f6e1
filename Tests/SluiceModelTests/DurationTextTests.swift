import SluiceModel
import Testing

/// Durations as scenario files and the dashboard's fields read them.
@Suite struct DurationTextTests {
    @Test(arguments: [
        ("250ms", 250 * NanosPerUnit.millisecond),
        ("1m", 60 * NanosPerUnit.second),
        ("1h30m", 5400 * NanosPerUnit.second),
        ("1.5s", 1500 * NanosPerUnit.millisecond),
        ("100us", 100 * NanosPerUnit.microsecond),
        ("7ns", 7),
        ("0", 0),
        ("2d", 172_800 * NanosPerUnit.second),
    ])
    func parsesDurations(text: String, nanos: Nanos) {
        #expect(DurationText.parse(text) == nanos)
    }

    @Test(arguments: ["fast", "", "10", "-1s", "1x", "ms", "1.2.3s", "s1", "1h1h1h", "30m1h", "1s1s", "1us1µs"])
    func rejectsWhatIsNotADuration(text: String) {
        #expect(DurationText.parse(text) == nil)
    }

    @Test func aDurationBeyondWhatNanosHoldsReadsAsTheLongestSoBoundsRefuseIt() {
        #expect(DurationText.parse("1000000d") == Nanos.max)
        #expect(DurationText.parse(String(repeating: "9", count: 400) + "d") == Nanos.max)
    }

    @Test func formatsReadably() {
        #expect(DurationText.format(5400 * NanosPerUnit.second) == "1h30m")
        #expect(DurationText.format(250 * NanosPerUnit.millisecond) == "250ms")
        #expect(DurationText.format(1500 * NanosPerUnit.millisecond) == "1.5s")
        #expect(DurationText.format(0) == "0s")
        for nanos: Nanos in [1, 999, 1_000_000, 61_000_000_000, 3_600_000_000_000] {
            #expect(DurationText.parse(DurationText.format(nanos)) == nanos)
        }
    }
}
