extension String {
    /// A C client's words written into a buffer we lent it (librdkafka's error text, rabbitmq-c's reply): the
    /// bytes up to the first NUL, as UTF-8 (invalid bytes become U+FFFD; the screen escapes the rest).
    public init(nulTerminated buffer: [CChar]) {
        self.init(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
