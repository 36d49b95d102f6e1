@testable import Broker
import Glibc
import Testing

/// Prefaulting takes exactly the whole pages inside the range it is given, and nothing below its threshold.
@Suite struct PrefaultedMemoryTests {
    static let page = Int(sysconf(Int32(_SC_PAGESIZE)))

    /// Which of `pages` pages at `base` are resident.
    static func resident(_ base: UnsafeMutableRawPointer, pages: Int) -> [Int] {
        var flags = [UInt8](repeating: 0, count: pages)
        _ = mincore(base, pages * page, &flags)
        return flags.indices.filter { flags[$0] & 1 == 1 }
    }

    /// Whether this kernel takes MADV_POPULATE_WRITE (23), asked of a page of its own.
    static func kernelPopulates() -> Bool {
        guard let probe = mmap(nil, page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), probe != MAP_FAILED
        else { return false }
        defer { munmap(probe, page) }
        return madvise(probe, page, 23) == 0
    }

    @Test func theWholePagesInsideTheRangeAreFaultedInAndNoOthers() throws {
        let pages = 64
        let mapped = try #require(mmap(nil, pages * Self.page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0))
        #expect(mapped != MAP_FAILED)
        defer { munmap(mapped, pages * Self.page) }
        #expect(Self.resident(mapped, pages: pages).isEmpty)
        // From the middle of page 10 to the middle of page 40: pages 11 to 39 are wholly inside.
        PrefaultedMemory.populate(mapped + 10 * Self.page + Self.page / 2, count: 30 * Self.page)
        let taken = Self.resident(mapped, pages: pages)
        // Kernels before 5.14 refuse the advice: then nothing is taken early and the pages fault as written.
        #expect(taken == (Self.kernelPopulates() ? Array(11...39) : []), "resident pages: \(taken)")
        PrefaultedMemory.populate(mapped + 50 * Self.page, count: PrefaultedMemory.threshold - 1)
        #expect(Self.resident(mapped, pages: pages) == taken, "a range under the threshold is left to fault")
    }
}
