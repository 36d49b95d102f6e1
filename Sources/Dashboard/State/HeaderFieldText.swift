import SluiceModel

/// The publish form's headers field as a person types it: `name=value` pairs separated by `;`, each name and
/// value trimmed of spaces; a value may hold `=`, never `;`.
enum HeaderFieldText {
    static let hint = "optional: name=value; name=value"

    /// The headers the text names, in the order typed, or what is wrong with the first pair that is not one.
    static func parse(_ text: String) -> Result<[Header], Reducer.FormProblem> {
        var headers: [Header] = []
        for part in text.split(separator: ";") {
            let pair = String(part).trimmingSpaces
            if pair.isEmpty { continue }
            guard let equals = pair.firstIndex(of: "="), !pair[..<equals].allSatisfy(\.isWhitespace) else {
                return .failure(Reducer.FormProblem(
                    message: "headers: '\(UntrustedText.escape(pair))' is not name=value (separate headers with ;)"))
            }
            let name = String(pair[..<equals]).trimmingSpaces
            let value = String(pair[pair.index(after: equals)...]).trimmingSpaces
            headers.append(Header(name, Array(value.utf8)))
        }
        return .success(headers)
    }
}
