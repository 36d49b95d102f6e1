import Glibc

/// Faults a large allocation's pages in with one system call instead of one trap per page.
///
/// A busy partition's segment is written front to back within seconds of being made, so its pages are
/// touched soon anyway: asking the kernel for them all at once (MADV_POPULATE_WRITE, Linux 5.14) saves the
/// trap taken on each first write (exc_page_fault was about a tenth of the broker's CPU while a Kafka
/// client produced). On an older kernel the call fails and the pages fault in as before.
enum PrefaultedMemory {
    /// Below this an allocation may never be filled (idle partitions' small segments): left to fault.
    static let threshold = 1 << 20
    private static let populateWrite: Int32 = 23  // MADV_POPULATE_WRITE, which older headers lack
    private static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

    /// Populates the whole pages inside `count` bytes at `start`, when there are enough of them.
    static func populate(_ start: UnsafeMutableRawPointer, count: Int) {
        guard count >= threshold else { return }
        let address = Int(bitPattern: start)
        let first = (address + pageSize - 1) / pageSize * pageSize
        let end = (address + count) / pageSize * pageSize
        guard end > first, let page = UnsafeMutableRawPointer(bitPattern: first) else { return }
        _ = madvise(page, end - first, populateWrite)
    }
}
