import ArgumentParser
import Broker

/// `sluice bench`: runs named workloads and reports throughput (and memory, where measured).
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure the embedded broker: throughput per workload, memory per record.",
        discussion: "Workloads: \(BenchWorkload.all.map(\.name).joined(separator: ", ")). Build with -c release to measure.")

    @Option(help: "Run only this workload (default: all of them).")
    var workload: String?

    @Flag(help: "Print one JSON object per line instead of a table.")
    var json = false

    func run() throws {
        var chosen = BenchWorkload.all
        if let workload {
            chosen = chosen.filter { $0.name == workload }
            guard !chosen.isEmpty else {
                throw ValidationError("unknown workload '\(workload)'; known: \(BenchWorkload.all.map(\.name).joined(separator: ", "))")
            }
        }
        for workload in chosen {
            let result = workload.run()
            print(json ? result.jsonLine(workload: workload.name) : result.textLine(workload: workload.name))
        }
    }
}

/// A named benchmark. Add one by defining a `static let` in your own file and listing it in `all`.
struct BenchWorkload: Sendable {
    let name: String
    let run: @Sendable () -> BenchResult

    static let all: [BenchWorkload] = [.streamAppend, .streamEndToEnd, .queueEndToEnd, .streamMemory, .simMM1]
}

/// What one workload measured: `ops` operations in `seconds`, plus workload-specific figures.
struct BenchResult {
    var ops: Int
    var seconds: Double
    /// Extra JSON keys, in order (e.g. `p50_ns`, `bytes_per_record`).
    var extra: [(key: String, value: Double)] = []

    var opsPerSecond: Double { seconds > 0 ? Double(ops) / seconds : 0 }

    func jsonLine(workload: String) -> String {
        var fields = ["\"workload\":\"\(jsonEscaped(workload))\"", "\"ops\":\(ops)",
                      "\"seconds\":\(jsonNumber(seconds))", "\"ops_per_s\":\(jsonNumber(opsPerSecond.rounded()))"]
        fields += extra.map { "\"\(jsonEscaped($0.key))\":\(jsonNumber($0.value))" }
        return "{" + fields.joined(separator: ",") + "}"
    }

    func textLine(workload: String) -> String {
        let rate = opsPerSecond >= 1_000_000 ? "\(rounded(opsPerSecond / 1_000_000, places: 2)) M/s" : "\(Int(opsPerSecond))/s"
        let details = extra.map { "\($0.key)=\(rounded($0.value, places: 1))" }.joined(separator: " ")
        return "\(workload.padding(toLength: 15))\(ops) ops in \(rounded(seconds, places: 3)) s = \(rate)  \(details)"
    }

    private func jsonNumber(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        return value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    private func jsonEscaped(_ text: String) -> String {
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case _ where scalar.value < 0x20: escaped += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    private func rounded(_ value: Double, places: Int) -> String {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        return String((value * scale).rounded() / scale)
    }
}

extension String {
    fileprivate func padding(toLength length: Int) -> String {
        count >= length ? self + " " : self + String(repeating: " ", count: length - count)
    }
}

/// Times `body` with the monotonic clock; returns seconds.
func measureSeconds(_ body: () -> Void) -> Double {
    let clock = MonotonicClock()
    let start = clock.now()
    body()
    return Double(clock.now() - start) / 1e9
}
