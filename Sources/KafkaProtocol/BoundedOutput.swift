/// Collects a decompressor's output in a buffer that grows as needed but never past `limit` bytes.
///
/// A batch's compressed size says nothing about its decompressed size, so a few hostile bytes could
/// otherwise ask for gigabytes; the limit turns that into an error.
enum BoundedOutput {
    /// Calls `step` with the free space left until it says it has finished.
    ///
    /// `step` returns how many bytes it wrote and whether the stream ended; it throws on corrupt or truncated input.
    static func collect(
        codec: KafkaCompression, limit: Int, expected: Int,
        _ step: (UnsafeMutableRawBufferPointer) -> Result<(written: Int, finished: Bool), KafkaCompressionError>
    ) throws(KafkaCompressionError) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: Swift.min(limit + 1, Swift.max(expected, 1024)))
        var used = 0
        while true {
            if used == output.count {
                guard output.count <= limit else { throw .tooLarge(codec: codec, limit: limit) }
                output.append(contentsOf: repeatElement(0, count: Swift.min(output.count, limit + 1 - output.count)))
            }
            let outcome = output.withUnsafeMutableBytes { buffer in
                step(UnsafeMutableRawBufferPointer(rebasing: buffer[used...]))
            }
            let (written, finished) = try outcome.get()
            used += written
            guard used <= limit else { throw .tooLarge(codec: codec, limit: limit) }
            if finished { break }
        }
        output.removeSubrange(used...)
        return output
    }
}
