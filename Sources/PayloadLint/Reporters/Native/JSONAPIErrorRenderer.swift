/// PACE (`errors: jsonapi`): a JSON:API error document, media type `application/vnd.api+json`,
/// `{"errors": [{"id", "status", "code", "title", "detail", "source": {"pointer" | "parameter" | "header"}}]}`.
///
/// One error object per error diagnostic (warnings and infos are never rendered), members as the
/// seed's error schema (`id`, `status`, `code`, `title`, `detail`, `source`; `links` and `meta` are
/// not used):
/// - `id`: the seed's only concrete id, `cbgmhslmp1o9or9kh1p0`, is an xid (20 lowercase base32hex
///   characters) — PACE's request id, which its runtime stamps on every error of a response. So
///   every error of one response gets the same xid-shaped id, derived from the errors themselves
///   (FNV-1a), so that the same findings always render the same body;
/// - `status`: the HTTP status applicable to this problem, as a string ("422"), per error:
///   `400` malformed JSON, `415` unsupported media type, `406` not acceptable, else `422`;
/// - `code`: our code in PACE's kebab-case (the seed's `missing-linked-identity`):
///   `required_field` → `required-field`, `too_long` → `too-long`;
/// - `title`: a short summary that does not change between occurrences (JSON:API), per code;
/// - `detail`: the diagnostic's message;
/// - `source`: `pointer` (RFC 6901, into the request document) for the body, `parameter` for a
///   path or query parameter (by name; PACE's runtime reports both kinds as `parameter`),
///   `header` (JSON:API 1.1) for a header.
///
/// Response status, when the errors differ: 400 > 415 > 406 > 422. JSON:API ("Errors",
/// "Processing Errors"): with several problems "the most generally applicable HTTP error code
/// SHOULD be used", and it names 400 Bad Request as the one for several 4xx — a malformed body is
/// also a request the server cannot read at all. Of the "Server Responsibilities" for content
/// negotiation, 415 (the request's `Content-Type`) comes before 406 (the `Accept` header): a body
/// in an unsupported media type is not looked at, while 406 only concerns the response. 422
/// (well-formed but semantically invalid) applies only once the body is readable in the right
/// media type.
enum JSONAPIErrorRenderer {
    static func render(_ errors: [Diagnostic]) -> NativeResponse? {
        guard !errors.isEmpty else { return nil }
        let statuses = errors.map(status)
        let responseStatus = [400, 415, 406].first(where: statuses.contains) ?? 422
        let id = responseID(errors)
        let objects: [JSONValue] = zip(errors, statuses).map { d, status in
            .object([
                ("id", .string(id)),
                ("status", .string(String(status))),
                ("code", .string(code(d.code))),
                ("title", .string(title(d.code))),
                ("detail", .string(d.message)),
                ("source", .object([source(d)])),
            ])
        }
        let body = JSONValue.object([("errors", .array(objects))])
        return NativeResponse(status: responseStatus, body: body.description, contentType: NativeResponse.jsonAPI)
    }

    static func status(_ d: Diagnostic) -> Int {
        if NativeLocation.isMalformed(d) { return 400 }
        switch d.code {
        case .unsupportedMediaType: return 415
        case .notAcceptable: return 406
        default: return 422
        }
    }

    static func source(_ d: Diagnostic) -> (key: String, value: JSONValue) {
        switch d.source {
        case .body: ("pointer", .string(d.pointer))
        case .path, .query: ("parameter", .string(NativeLocation.parameterName(d)))
        case .header: ("header", .string(NativeLocation.parameterName(d)))
        }
    }

    /// `required_field` → `required-field`.
    static func code(_ code: DiagnosticCode) -> String {
        String(code.rawValue.map { $0 == "_" ? "-" : $0 })
    }

    static let titles: [DiagnosticCode: String] = [
        .syntaxError: "Malformed JSON",
        .invalidEncoding: "Invalid text encoding",
        .duplicateKey: "Duplicate member name",
        .depthLimit: "Document nested too deeply",
        .requiredField: "Missing required field",
        .unknownProperty: "Unknown member",
        .typeMismatch: "Wrong type",
        .enumMismatch: "Value not allowed",
        .tooShort: "Value too short",
        .tooLong: "Value too long",
        .tooManyBytes: "Value too large",
        .tooFewBytes: "Value too small",
        .patternMismatch: "Value does not match pattern",
        .formatMismatch: "Invalid format",
        .blankValue: "Blank value",
        .forbiddenCharacter: "Forbidden character",
        .tooManyProperties: "Too many members",
        .tooFewProperties: "Too few members",
        .invalidPropertyName: "Invalid member name",
        .keyPathTooLong: "Key path too long",
        .tooDeep: "Value nested too deeply",
        .outOfRange: "Value out of range",
        .notMultiple: "Value not a multiple",
        .tooManyItems: "Too many items",
        .tooFewItems: "Too few items",
        .duplicateItems: "Duplicate items",
        .containsMismatch: "No matching item",
        .immutableField: "Field is immutable",
        .notUnique: "Value already taken",
        .inconsistentValue: "Inconsistent value",
        .regexLimit: "Pattern check gave up",
        .unsupportedMediaType: "Unsupported media type",
        .notAcceptable: "Not acceptable",
        .schemaMismatch: "Value does not match schema",
        .clearedField: "Field cannot be cleared",
        .stale: "Stale timestamp",
        .documentTooLarge: "Document too large",
        .limitExceeded: "Limit exceeded",
        .stringLimit: "String too long",
        .numberLimit: "Number too long",
        .diagnosticLimit: "Too many errors",
    ]

    static func title(_ code: DiagnosticCode) -> String { titles[code] ?? "Invalid value" }

    /// An xid-shaped id (12 bytes, 20 lowercase base32hex characters) from FNV-1a over the errors.
    static func responseID(_ errors: [Diagnostic]) -> String {
        var h1: UInt64 = 0xcbf2_9ce4_8422_2325
        var h2: UInt64 = 0x8422_2325_cbf2_9ce4
        func feed(_ s: String) {
            for b in s.utf8 {
                h1 = (h1 ^ UInt64(b)) &* 0x0000_0100_0000_01b3
                h2 = (h2 ^ UInt64(b)) &* 0x0000_0100_0000_01b3
            }
            h1 = (h1 ^ 0xff) &* 0x0000_0100_0000_01b3
            h2 = (h2 ^ 0xfe) &* 0x0000_0100_0000_01b3
        }
        for d in errors {
            feed(d.code.rawValue)
            feed(d.source.rawValue)
            feed(d.pointer)
            feed(d.message)
        }
        var bytes: [UInt8] = []
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: h1 >> UInt64(shift))) }
        for shift in stride(from: 24, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: h2 >> UInt64(shift))) }
        let alphabet = Array("0123456789abcdefghijklmnopqrstuv".utf8)
        var out: [UInt8] = []
        var buffer = 0
        var bits = 0
        for b in bytes {
            buffer = ((buffer << 8) | Int(b)) & 0x1fff  // at most 4 + 8 pending bits
            bits += 8
            while bits >= 5 {
                bits -= 5
                out.append(alphabet[(buffer >> bits) & 0x1f])
            }
        }
        if bits > 0 { out.append(alphabet[(buffer << (5 - bits)) & 0x1f]) }
        return String(decoding: out, as: UTF8.self)
    }
}
