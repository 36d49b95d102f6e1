import Foundation
import Synchronization
import Testing

/// scripts/kafka-client-driver as a test sees it: a real confluent-kafka consumer and producer in another
/// process, sent one command at a time, each answered with one line (or a JSON state of the client's own view).
final class ClientDriver {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/kafka-client-driver").path

    /// What the client itself reports: its member id, assignment, committed offsets, high watermarks and lag.
    struct State: Decodable {
        var member_id: String
        var assignment: [Int32]
        var committed: [String: Int64]
        var high: [String: Int64]
        var lag: Int64
        var received: Int
        var last_value: String?
        /// `topic-N` for each assigned partition.
        var assigned_places: [String]
        var lag_by_topic: [String: Int64]
    }

    private let process = Process()
    private let input = Pipe()
    private let inbox = Inbox()
    private let errors = Pipe()

    init(bootstrap: String, topic: String, group: String, clientId: String) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.script, bootstrap, topic, group, clientId]
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        KcatTests.killIfStillRunning(process.processIdentifier, after: 120) { [process] in process.isRunning }
        let handle = output.fileHandleForReading
        Thread.detachNewThread { [inbox] in
            var pending = Data()
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                pending.append(chunk)
                while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                    let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
                    pending.removeSubrange(pending.startIndex...newline)
                    inbox.lines.withLock { $0.append(line) }
                }
            }
            inbox.ended.withLock { $0 = true }
        }
    }

    /// Sends one command and returns its answer; fails the test when none comes within `seconds`.
    func send(_ command: String, within seconds: Double = 45) throws -> String {
        try input.fileHandleForWriting.write(contentsOf: Data((command + "\n").utf8))
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let line = inbox.lines.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) { return line }
            if inbox.ended.withLock({ $0 }) { break }
            Thread.sleep(forTimeInterval: 0.02)
        }
        let said = String(decoding: errors.fileHandleForReading.availableDataIfRunning(process), as: UTF8.self)
        throw DriverFailure(description: "no answer to \(command) within \(seconds) s; the client said: \(said.suffix(1500))")
    }

    func state(_ command: String = "state") throws -> State {
        let line = try send(command)
        do { return try JSONDecoder().decode(State.self, from: Data(line.utf8)) } catch {
            throw DriverFailure(description: "not a state: \(line)")
        }
    }

    /// Waits until the client has received `count` records in all; returns how many it has.
    func wait(for count: Int) throws -> Int {
        let line = try send("wait \(count)")
        return Int(line.split(separator: " ").last ?? "") ?? -1
    }

    /// Leaves the group and ends the process.
    func close() {
        _ = try? send("exit", within: 15)
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    struct DriverFailure: Error, CustomStringConvertible { let description: String }
}

/// Lines the client printed, waiting to be read, and whether its output has ended.
private final class Inbox: Sendable {
    let lines = Mutex<[String]>([])
    let ended = Mutex(false)
}

extension FileHandle {
    /// What the process wrote to this pipe so far, once it has ended (reading a live pipe would block).
    fileprivate func availableDataIfRunning(_ process: Process) -> Data {
        process.isRunning ? Data() : readDataToEndOfFile()
    }
}
