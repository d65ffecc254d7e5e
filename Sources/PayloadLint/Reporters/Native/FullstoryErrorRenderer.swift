/// Fullstory (`errors: fullstory`): `400 {"message": "...", "code": "..."}`, one error per body.
///
/// The seed (Update User, response 400) shows exactly one body:
/// `{"message": "uid is required", "code": "required_field"}` — a long-form message naming the
/// field, and "a short snake-cased value that is safe to handle programmatically". The other codes
/// it shows (`unauthorized`, `forbidden`, `resource_not_found`, `too_many_requests`,
/// `server_error`) are the snake-cased gRPC status names Fullstory's v2 API answers with; none of
/// them is a 400.
///
/// Code mapping (our code → Fullstory `code`):
/// - `required_field` → `required_field`, message `<path> is required` (the seed's own wording);
/// - every other error (`too_long`, `type_mismatch`, `pattern_mismatch`, `immutable_field`, …,
///   malformed JSON included) → `invalid_argument`, the snake-cased gRPC INVALID_ARGUMENT that
///   Fullstory's other codes follow. Our finer codes are not passed through: the API has no such
///   codes, and clients branch on the ones it has.
///
/// Which error: the API stops at the first problem, so the body carries the first error-severity
/// diagnostic in report order (parameters first, then by position), except that a malformed body
/// (`syntax_error`, `invalid_encoding`) wins: a body that does not parse has no fields to check,
/// so the API's answer is the parse failure, whatever the linter found before it.
///
/// The location is named in the message as a dotted path (`properties.plan.tier`) — the
/// "dotted concatenation of all its parent properties" the seed uses for nested property names;
/// array items are `tags.0`; a parameter is its name (`id`).
enum FullstoryErrorRenderer {
    static func render(_ errors: [Diagnostic]) -> NativeResponse? {
        guard let d = errors.first(where: NativeLocation.isMalformed) ?? errors.first else { return nil }
        let path = NativeLocation.dotPath(d)
        let message: String
        let code: String
        if NativeLocation.isMalformed(d) {
            code = "invalid_argument"
            message = "request body is not valid JSON: \(d.message)\(NativeLocation.position(d))"
        } else if d.code == .requiredField && !path.isEmpty {
            code = "required_field"
            message = "\(path) is required"
        } else {
            code = "invalid_argument"
            message = NativeLocation.message(d, naming: path)
        }
        let body = JSONValue.object([
            ("message", .string(message)),
            ("code", .string(code)),
        ])
        return NativeResponse(status: 400, body: body.description, contentType: NativeResponse.json)
    }
}
