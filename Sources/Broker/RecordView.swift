/// Where a borrowed record's key and value sit inside the batch bytes they came in, counted from the batch's
/// first byte: what lets the log keep one copy of a batch and index its records in it, instead of copying each.
struct RecordView {
    /// Where the key starts (with no key, where the value does).
    var keyStart: Int
    /// nil when the record has no key.
    var keyLength: Int?
    var valueLength: Int
    /// Bytes from the key's end to the value (the value's length prefix); 0 with no key.
    var valueGap: Int

    /// nil when the record cannot be a view of `batch`: a part outside it (a decompressed batch's records), headers
    /// (the log stores them in its own encoding), an empty value with nowhere to point, or a value too far after
    /// its key for the index to say.
    /// (Read through a pointer, so the record, headers and all, is not copied.)
    init?(_ record: UnsafePointer<BorrowedRecord>, in batch: UnsafeRawBufferPointer) {
        let valueBytes = record.pointee.value
        guard record.pointee.headers.isEmpty, let base = batch.baseAddress, let value = valueBytes.baseAddress,
              value >= base, value + valueBytes.count <= base + batch.count else { return nil }
        valueLength = valueBytes.count
        guard let key = record.pointee.key else {
            keyStart = value - base
            keyLength = nil
            valueGap = 0
            return
        }
        guard let keyBase = key.baseAddress ?? (key.isEmpty ? value : nil), keyBase >= base,
              keyBase + key.count <= value, value - (keyBase + key.count) <= IndexEntry.maxGap else { return nil }
        keyStart = keyBase - base
        keyLength = key.count
        valueGap = value - (keyBase + key.count)
    }

    /// What the record's parts take, as `RecordLayout.totalBytes` counts them (a view has no id or headers).
    var totalBytes: Int { (keyLength ?? 0) + valueLength }

    /// The same view with positions counted from `start` (where the batch's copy begins in an arena).
    func shifted(by start: Int) -> RecordView {
        var view = self
        view.keyStart += start
        return view
    }
}
