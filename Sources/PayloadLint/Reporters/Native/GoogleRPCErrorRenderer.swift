/// Raystack Frontier (`errors: google-rpc`): a `google.rpc.Status` as grpc-gateway renders it,
/// `400 {"code": 3, "message", "details": [{"@type": "type.googleapis.com/google.rpc.BadRequest", "fieldViolations": [{"field", "description"}]}]}`.
///
/// The seed shows only the shape (`{"code": 0, "message": "string", "details": [{"@type": "string"}]}`),
/// so the values follow google.rpc conventions:
/// - `code` 3 = INVALID_ARGUMENT, which grpc-gateway maps to HTTP 400;
/// - one `BadRequest` detail holding one `FieldViolation` per error diagnostic, `description` the
///   diagnostic's message;
/// - `message`: the seed shows no text, so it is the first violation's description, as a server
///   that builds the status from its first validation failure (and grpc-gateway passing
///   `status.Message()` through) would send;
/// - `field`: the google.rpc.BadRequest path syntax, dot-separated member names with repeated-field
///   indices in brackets: `metadata.label`, `metadata.tags[2]`. It names the member in the HTTP
///   body as the client sent it (the body message's own fields, not prefixed by the RPC's `body`
///   field). A path or query parameter is its field name (`id`, `include[1]`), a header its name.
///   Member names are written as they are, without AIP-161 backtick quoting.
///
/// A malformed body (`syntax_error`, `invalid_encoding`) gets grpc-gateway's own answer instead:
/// the request message cannot be decoded, so the gateway returns INVALID_ARGUMENT with the JSON
/// decoder's error as the message (`proto: syntax error (line 1:9): …`) and no details, before
/// any field is validated. Warnings and infos never appear.
enum GoogleRPCErrorRenderer {
    static let badRequestType = "type.googleapis.com/google.rpc.BadRequest"
    static let invalidArgument = 3

    static func render(_ errors: [Diagnostic]) -> NativeResponse? {
        if let d = errors.first(where: NativeLocation.isMalformed) {
            let position = d.line > 0 ? " (line \(d.line):\(d.column))" : ""
            let body = JSONValue.object([
                ("code", .number(JSONNumber(invalidArgument))),
                ("message", .string("proto: syntax error\(position): \(d.message)")),
                ("details", .array([])),
            ])
            return NativeResponse(status: 400, body: body.description, contentType: NativeResponse.json)
        }
        guard let first = errors.first else { return nil }
        let violations: [JSONValue] = errors.map { d in
            .object([("field", .string(field(d))), ("description", .string(d.message))])
        }
        let body = JSONValue.object([
            ("code", .number(JSONNumber(invalidArgument))),
            ("message", .string(first.message)),
            ("details", .array([
                .object([("@type", .string(badRequestType)), ("fieldViolations", .array(violations))]),
            ])),
        ])
        return NativeResponse(status: 400, body: body.description, contentType: NativeResponse.json)
    }

    /// `metadata.label`, `metadata.tags[2]`, `include[1]`.
    static func field(_ d: Diagnostic) -> String {
        var out = ""
        for segment in NativeLocation.segments(d) {
            if NativeLocation.isIndex(segment) && !out.isEmpty {
                out += "[" + segment + "]"
            } else {
                if !out.isEmpty { out += "." }
                out += segment
            }
        }
        return out
    }
}
