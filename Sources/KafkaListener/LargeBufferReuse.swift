import CMalloc

/// Keeps the listener's large buffers in the allocator's heap instead of handing them back to the system.
///
/// Produce requests and fetch responses are megabytes each. glibc serves allocations that large as fresh
/// mmap'd pages and unmaps them on free, so every fetch response faulted in and zeroed its memory again: two
/// thirds of the broker's CPU while a consumer read (kafka-broker-compare, 1 M records: 0.25 s/M with the
/// defaults, 0.07-0.08 with these). Up to 32 MiB (the most glibc allows) comes from the heap, and up to 256 MiB of
/// freed heap stays mapped for the next request.
///
/// One arena for every thread, too: the event loop's own arena (glibc gives each thread one, in 64 MiB heaps)
/// gave its fetch buffers back and faulted them in again in about one run in three once the log's segments
/// filled it (0.16-0.34 s/M of consume CPU instead of 0.07-0.09, decided by how the produce had laid out the
/// heap); the main arena keeps them. Set before the listener starts its threads.
enum LargeBufferReuse {
    static let enabled: Bool = {
        mallopt(M_MMAP_THRESHOLD, 32 << 20) == 1 && mallopt(M_TRIM_THRESHOLD, 256 << 20) == 1
            && mallopt(M_ARENA_MAX, 1) == 1
    }()
}
