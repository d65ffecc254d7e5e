/// PubNub App Context (`errors: pubnub`):
/// `400 {"status": 400, "error": {"message", "source": "metadata", "details": [{"message", "location", "locationType"}]}}`.
///
/// Field for field as the seed's 400 schema (Set user metadata):
/// - `status`: the HTTP status code, repeated in the body;
/// - `error.message`: user-facing message. The seed gives the schema only, no example text; we use
///   PubNub's generic `Invalid request input.` for 400, and the seed's own description of the 415
///   response for an unsupported media type;
/// - `error.source`: `metadata` (possible values `metadata`, `authz`; input validation is not authz);
/// - `error.details[]`: one per error diagnostic, `message` the diagnostic's message,
///   `location` "name of the offending query string parameter, or a dot-delimited JSON path to the
///   source of the error in the input document" — so a body value is `custom.tier` (array items
///   `tags.0`), a parameter (path, query or header) is its bare name (`uuid`, `include`, even for
///   the item `/include/1`), and `locationType` one of `path`, `query`, `header`, `body`.
///   `location` is left out when it would be empty (the body as a whole): the seed marks it
///   optional, "if applicable".
///
/// Status and which details: the 415 response exists ("The format of the request body you supplied
/// isn't supported. The request body must be in JSON format."), so an `unsupported_media_type`
/// answers 415 with only those details: the API refuses the body before reading it. Otherwise a
/// malformed body (`syntax_error`, `invalid_encoding`) answers 400 with only the parse failure
/// (nothing past it was read); otherwise 400 with every error. Warnings and infos never appear
/// (the seed: "invalid property names are silently ignored and will not cause a request to fail").
enum PubNubErrorRenderer {
    static let badRequestMessage = "Invalid request input."
    static let unsupportedMediaTypeMessage =
        "The format of the request body you supplied isn't supported. The request body must be in JSON format."

    static func render(_ errors: [Diagnostic]) -> NativeResponse? {
        let status: Int
        let message: String
        var reported = errors.filter { $0.code == .unsupportedMediaType }
        if !reported.isEmpty {
            status = 415
            message = unsupportedMediaTypeMessage
        } else {
            status = 400
            message = badRequestMessage
            let malformed = errors.filter(NativeLocation.isMalformed)
            reported = malformed.isEmpty ? errors : malformed
        }
        guard !reported.isEmpty else { return nil }
        let body = JSONValue.object([
            ("status", .number(JSONNumber(status))),
            ("error", .object([
                ("message", .string(message)),
                ("source", .string("metadata")),
                ("details", .array(reported.map(detail))),
            ])),
        ])
        return NativeResponse(status: status, body: body.description, contentType: NativeResponse.json)
    }

    static func detail(_ d: Diagnostic) -> JSONValue {
        let location = d.source == .body ? NativeLocation.dotPath(d) : NativeLocation.parameterName(d)
        let text = NativeLocation.isMalformed(d)
            ? "Request body is not valid JSON: \(d.message)\(NativeLocation.position(d))"
            : d.message
        var members: [(key: String, value: JSONValue)] = [("message", .string(text))]
        if !location.isEmpty { members.append(("location", .string(location))) }
        members.append(("locationType", .string(d.source.rawValue)))
        return .object(members)
    }
}
