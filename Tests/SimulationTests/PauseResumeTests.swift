import Testing
import SluiceModel
@testable import Simulation

/// Resuming a whole consumer resumes every instance, including ones paused on their own.
@Suite struct PauseResumeTests {
    private static func scenario(faults: String) -> String {
        """
        [scenario]
        name = "pause"
        duration = "40s"

        [[queue]]
        name = "jobs"
        capacity = 100

        [[producer]]
        name = "q"
        target = "jobs"
        rate = 10.0

        [[consumer]]
        name = "w"
        source = "jobs"
        instances = 1
        service = { distribution = "exponential", mean = "50ms" }

        \(faults)
        """
    }

    private static func fault(_ at: String, _ action: String, _ target: String) -> String {
        "[[fault]]\nat = \"\(at)\"\naction = \"\(action)\"\ntarget = \"\(target)\"\n"
    }

    private func finalDepth(_ faults: String) throws -> Double? {
        let outcome = try quietRun(Self.scenario(faults: faults), file: "p.toml")
        #expect(outcome.exitCode == 0)
        return outcome.summary.number(at: .queue("jobs", .finalDepth))
    }

    @Test func resumingTheConsumerAfterPausingItResumesAnInstancePausedOnItsOwn() throws {
        let depth = try finalDepth(Self.fault("5s", "pause", "w/1") + Self.fault("10s", "pause", "w")
                                   + Self.fault("12s", "resume", "w"))
        // 28 s after the resume at 10/s against a 20/s service the backlog is gone; stuck, it sits at capacity.
        #expect(try #require(depth) < 10)
    }

    @Test func resumingTheConsumerResumesAnInstancePausedOnItsOwn() throws {
        let depth = try finalDepth(Self.fault("5s", "pause", "w/1") + Self.fault("12s", "resume", "w"))
        #expect(try #require(depth) < 10)
    }
}

@Suite struct OutageEndTests {
    @Test func resumeOnADownstreamEndsAnOpenEndedOutage() throws {
        func calls(resume: Bool) throws -> Double {
            var text = """
            [scenario]
            name = "outage"
            duration = "20s"
            [[queue]]
            name = "jobs"
            [[downstream]]
            name = "api"
            [[producer]]
            name = "q"
            target = "jobs"
            rate = 10.0
            [[consumer]]
            name = "w"
            source = "jobs"
            downstream = "api"
            service = { distribution = "constant", mean = "10ms" }
            [[fault]]
            at = "2s"
            action = "outage"
            target = "api"
            """
            if resume { text += "\n[[fault]]\nat = \"5s\"\naction = \"resume\"\ntarget = \"api\"\n" }
            let outcome = try quietRun(text, file: "o.toml")
            let failed = try #require(outcome.summary.number(at: .downstream("api", .failedCalls)))
            let all = try #require(outcome.summary.number(at: .downstream("api", .calls)))
            return all - failed
        }
        let stillDown = try calls(resume: false)
        let resumed = try calls(resume: true)
        #expect(resumed > stillDown + 100)
    }
}
