import ArgumentParser
import Broker
import Glibc
import SluiceModel
import Simulation

/// `sluice bench`: runs named workloads and reports throughput (and memory, where measured).
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure the broker, the simulation and the dashboard: throughput per workload, memory per record.",
        discussion: "Workloads: \(BenchWorkload.all.map(\.name).joined(separator: ", ")). Build with -c release to measure.")

    @Option(help: "Run only this workload (default: all of them).")
    var workload: String?

    @Flag(help: "Print one JSON object per line instead of a table.")
    var json = false

    func validate() throws {
        if let workload, !BenchWorkload.all.contains(where: { $0.name == workload }) {
            throw ValidationError("unknown workload '\(workload)'; known: \(BenchWorkload.all.map(\.name).joined(separator: ", "))")
        }
    }

    func run() throws {
        let chosen = BenchWorkload.all.filter { workload == nil || $0.name == workload }
        for workload in chosen {
            let result = workload.run()
            Console.out(json ? result.jsonLine(workload: workload.name) : result.textLine(workload: workload.name))
        }
    }
}

/// A named benchmark. Add one by defining a `static let` in your own file and listing it in `all`.
struct BenchWorkload: Sendable {
    let name: String
    let run: @Sendable () -> BenchResult

    static let all: [BenchWorkload] = [.streamAppend, .streamEndToEnd, .queueEndToEnd, .queueMemory, .streamMemory, .render, .simMM1, .simScale]
}

/// What one workload measured: `ops` operations in `seconds` of wall time, plus workload-specific figures.
struct BenchResult {
    var ops: Int
    var seconds: Double
    /// CPU time of the measuring thread: on a shared machine, wall time also counts other processes' turns.
    var cpuSeconds: Double = 0
    /// Extra JSON keys, in order (e.g. `p50_ns`, `bytes_per_record`).
    var extra: [(key: String, value: Double)] = []

    init(ops: Int, timing: Timing, extra: [(key: String, value: Double)] = []) {
        self.ops = ops
        seconds = timing.seconds
        cpuSeconds = timing.cpuSeconds
        self.extra = extra
    }

    /// A workload that could not set itself up.
    static let nothing = BenchResult(ops: 0, timing: Timing(seconds: 0, cpuSeconds: 0))

    var opsPerSecond: Double { seconds > 0 ? Double(ops) / seconds : 0 }
    var opsPerCPUSecond: Double { cpuSeconds > 0 ? Double(ops) / cpuSeconds : 0 }

    func jsonLine(workload: String) -> String {
        let fields: [(String, JSONValue)] = [
            ("workload", .string(workload)), ("ops", .int(Int64(ops))), ("seconds", .number(seconds)),
            ("ops_per_s", .number(opsPerSecond.rounded())), ("cpu_seconds", .number(cpuSeconds)),
            ("ops_per_cpu_s", .number(opsPerCPUSecond.rounded())),
        ] + extra.map { ($0.key, .number($0.value)) }
        return JSONValue.object(fields).text()
    }

    func textLine(workload: String) -> String {
        let details = extra.map { "\($0.key)=\(rounded($0.value, places: 1))" }.joined(separator: " ")
        return "\(workload.padded(to: 15))\(ops) ops in \(rounded(seconds, places: 3)) s = \(rate(opsPerSecond))"
            + " (CPU \(rounded(cpuSeconds, places: 3)) s = \(rate(opsPerCPUSecond)))  \(details)"
    }

    private func rate(_ perSecond: Double) -> String {
        perSecond >= 1_000_000 ? "\(rounded(perSecond / 1_000_000, places: 2)) M/s" : "\(Int(perSecond))/s"
    }

    private func rounded(_ value: Double, places: Int) -> String { JSONText.rounded(value, digits: places) }
}

/// Wall and CPU time of one measured run.
struct Timing {
    var seconds: Double
    var cpuSeconds: Double
}

/// Times `body` with the monotonic clock, and the thread's CPU clock.
func measure(_ body: () -> Void) -> Timing {
    func threadCPUNanos() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec)
    }
    let clock = MonotonicClock()
    let start = clock.now()
    let cpuStart = threadCPUNanos()
    body()
    return Timing(seconds: Double(clock.now() - start) / 1e9, cpuSeconds: Double(threadCPUNanos() - cpuStart) / 1e9)
}
