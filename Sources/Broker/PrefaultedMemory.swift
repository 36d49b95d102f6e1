import Glibc

/// Faults in memory about to be written with one system call instead of one trap per page.
///
/// A produced batch is copied into its segment's arena at once, and its records' index entries are written
/// right after: asking the kernel for those pages together (MADV_POPULATE_WRITE, Linux 5.14) saves the trap
/// taken on each first write (exc_page_fault was about a tenth of the broker's CPU while a Kafka client
/// produced). Only what is about to be written, so no page is taken early. On an older kernel the call
/// fails and the pages fault in as before.
enum PrefaultedMemory {
    /// Below this the system call costs about what the traps it saves do: left to fault.
    static let threshold = 64 << 10
    private static let populateWrite: Int32 = 23  // MADV_POPULATE_WRITE, which older headers lack
    private static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

    /// Populates the whole pages inside `count` bytes at `start` (the partial ones at either end fault as
    /// usual), when there are enough of them.
    static func populate(_ start: UnsafeMutableRawPointer, count: Int) {
        guard count >= threshold else { return }
        let address = Int(bitPattern: start)
        let first = (address + pageSize - 1) / pageSize * pageSize
        let end = (address + count) / pageSize * pageSize
        guard end > first, let page = UnsafeMutableRawPointer(bitPattern: first) else { return }
        _ = madvise(page, end - first, populateWrite)
    }
}
