/// What a diagnostic code means, an example, and how to fix it (`payloadlint explain CODE`,
/// SARIF rule help).
public struct CodeExplanation: Sendable {
    public var code: DiagnosticCode
    /// One line.
    public var summary: String
    /// A payload fragment (or parameter) that gets the code, and what is reported.
    public var example: String
    public var fix: String
    public var defaultSeverity: Severity

    /// The whole explanation as readable text.
    public var text: String {
        "\(code.rawValue) (\(defaultSeverity.rawValue) by default)\n\n\(summary)\n\nExample:\n"
            + example.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n")
            + "\n\nHow to fix:\n    \(fix)\n"
    }

    public static func lookup(_ code: String) -> CodeExplanation? { all.first { $0.code.rawValue == code } }

    /// Every diagnostic code, in the order of DESIGN.md.
    public static let all: [CodeExplanation] = [
        .init(code: .syntaxError, summary: "The input is not well-formed JSON (RFC 8259): a missing comma or quote, a trailing comma, a bare word, text after the value, or an empty input.",
              example: "{\"name\": \"Ada\",}\n→ syntax_error at 1:16: expected a member name after ','", fix: "Correct the JSON text at the reported line and column; the rest of that payload is not checked until it parses.", defaultSeverity: .error),
        .init(code: .invalidEncoding, summary: "The bytes are not valid UTF-8, or the text starts with a byte order mark: APIs reject or mangle such payloads.",
              example: "a file saved as Latin-1 containing \"café\" (byte 0xE9)\n→ invalid_encoding: invalid UTF-8 sequence", fix: "Save the file as UTF-8 without a byte order mark; escape unusual characters as \\uXXXX if needed.", defaultSeverity: .error),
        .init(code: .duplicateKey, summary: "An object has the same member name twice. RFC 8259 allows it, but parsers disagree on which value wins, so two services can read different payloads from the same bytes.",
              example: "{\"role\": \"user\", \"role\": \"admin\"}\n→ duplicate_key at /role (first defined at 1:2)", fix: "Keep one member with the intended value.", defaultSeverity: .error),
        .init(code: .depthLimit, summary: "Containers are nested deeper than the reader's or the document's limit (`limits: {maxDepth}`).",
              example: "[[[[…1,000 levels…]]]]\n→ depth_limit: nesting deeper than 64", fix: "Flatten the structure; no real API payload needs that nesting.", defaultSeverity: .error),
        .init(code: .requiredField, summary: "A member, parameter or body that the operation requires is missing.",
              example: "PACE update user without data.type:\n{\"data\": {\"id\": \"u1\"}}\n→ required_field at /data/type", fix: "Add the member (or pass the parameter: --param path.userId=…).", defaultSeverity: .error),
        .init(code: .unknownProperty, summary: "A member that no schema describes (`unknownProperties: warn|error`): usually a typo, or a field the API silently ignores.",
              example: "{\"nmae\": \"Ada\"}\n→ unknown_property at /nmae", fix: "Fix the member's name or remove it.", defaultSeverity: .warning),
        .init(code: .typeMismatch, summary: "The value has the wrong JSON type (or a parameter's text does not convert to the type).",
              example: "{\"age\": \"42\"} with age: {type: integer}\n→ type_mismatch at /age: expected an integer, found a string", fix: "Send the value with the documented type (42, not \"42\").", defaultSeverity: .error),
        .init(code: .enumMismatch, summary: "The value is not one of the allowed values (`enum`, `const`).",
              example: "{\"status\": \"actve\"} with enum [active, inactive]\n→ enum_mismatch at /status", fix: "Use one of the listed values (spelling and case matter).", defaultSeverity: .error),
        .init(code: .tooShort, summary: "A string has fewer Unicode code points than `minLength`.",
              example: "{\"name\": \"\"} with minLength: 1\n→ too_short at /name: 0 characters, at least 1", fix: "Send a longer value, or leave the member out if it is optional.", defaultSeverity: .error),
        .init(code: .tooLong, summary: "A string has more Unicode code points than `maxLength`.",
              example: "{\"name\": \"…2,049 characters…\"} with maxLength: 2048\n→ too_long at /name", fix: "Shorten the value to the limit.", defaultSeverity: .error),
        .init(code: .tooManyBytes, summary: "A string's UTF-8 encoding (or another value's compact JSON text) is longer than `maxBytes`: limits stated in bytes, where non-ASCII characters count more than once.",
              example: "{\"uuid\": \"ééé…\"} with maxBytes: 92\n→ too_many_bytes: 120 bytes, at most 92", fix: "Shorten the value; count bytes, not characters.", defaultSeverity: .error),
        .init(code: .tooFewBytes, summary: "A value's UTF-8 byte length is below `minBytes`.",
              example: "{\"token\": \"ab\"} with minBytes: 16\n→ too_few_bytes at /token", fix: "Send the full value.", defaultSeverity: .error),
        .init(code: .patternMismatch, summary: "A string does not match the rule's regular expression (`pattern`, or a `patternProperties` name).",
              example: "{\"avatar\": \"http://x/a.png\"} with pattern ^data:image/…\n→ pattern_mismatch at /avatar", fix: "Send a value in the documented shape; `payloadlint rules show ID` prints the pattern.", defaultSeverity: .error),
        .init(code: .formatMismatch, summary: "A string is not a valid instance of its `format` (email, uri, date-time, uuid, ipv4, hostname, …).",
              example: "{\"email\": \"ada@\"} with format: email\n→ format_mismatch at /email", fix: "Send a valid value of that format.", defaultSeverity: .error),
        .init(code: .blankValue, summary: "A string contains only whitespace where `notBlank` requires text.",
              example: "{\"name\": \"   \"}\n→ blank_value at /name", fix: "Send real text, or leave the member out.", defaultSeverity: .error),
        .init(code: .forbiddenCharacter, summary: "A string contains a character or substring the API forbids (`forbidden`), or a control character (`forbidControl`).",
              example: "--param path.uuid=a/b with forbidden: [\"/\"]\n→ forbidden_character at /uuid (path)", fix: "Remove or replace the character.", defaultSeverity: .error),
        .init(code: .tooManyProperties, summary: "An object has more members than `maxProperties`, or more distinct member paths than `maxPropertyPaths`.",
              example: "{\"properties\": {…501 members…}} with maxPropertyPaths: 500\n→ too_many_properties at /properties", fix: "Send fewer members.", defaultSeverity: .error),
        .init(code: .tooFewProperties, summary: "An object has fewer members than `minProperties`.",
              example: "{\"custom\": {}} with minProperties: 1\n→ too_few_properties at /custom", fix: "Add members or leave the object out.", defaultSeverity: .error),
        .init(code: .invalidPropertyName, summary: "A member name fails `propertyNames` (or the name rules of the API).",
              example: "{\"properties\": {\"bad name\": 1}} with propertyNames: {pattern: ^[a-z_]+$}\n→ invalid_property_name at /properties/bad name", fix: "Rename the member to match the rule.", defaultSeverity: .error),
        .init(code: .keyPathTooLong, summary: "The dotted path of member names (`a.b.c`) below a node is longer than `maxKeyPathLength`.",
              example: "{\"properties\": {\"a…\": {\"b…\": 1}}} with maxKeyPathLength: 64\n→ key_path_too_long", fix: "Use shorter member names or less nesting.", defaultSeverity: .error),
        .init(code: .tooDeep, summary: "Containers below a node are nested deeper than the node's `maxDepth`.",
              example: "{\"custom\": {\"a\": {\"b\": 1}}} with custom: {maxDepth: 1}\n→ too_deep at /custom/a/b", fix: "Flatten the value.", defaultSeverity: .error),
        .init(code: .outOfRange, summary: "A number is below `minimum`/`exclusiveMinimum` or above `maximum`/`exclusiveMaximum`.",
              example: "{\"age\": -1} with minimum: 0\n→ out_of_range at /age", fix: "Send a number within the range.", defaultSeverity: .error),
        .init(code: .notMultiple, summary: "A number is not a multiple of `multipleOf`.",
              example: "{\"price\": 1.005} with multipleOf: 0.01\n→ not_multiple at /price", fix: "Round the number to the step.", defaultSeverity: .error),
        .init(code: .tooManyItems, summary: "An array has more items than `maxItems` (or more matching items than `maxContains`).",
              example: "{\"tags\": [1,2,3,4]} with maxItems: 3\n→ too_many_items at /tags", fix: "Send fewer items.", defaultSeverity: .error),
        .init(code: .tooFewItems, summary: "An array has fewer items than `minItems` (or fewer matching items than `minContains`).",
              example: "{\"tags\": []} with minItems: 1\n→ too_few_items at /tags", fix: "Add items, or leave the array out.", defaultSeverity: .error),
        .init(code: .duplicateItems, summary: "An array with `uniqueItems: true` contains equal items.",
              example: "{\"include\": [\"custom\", \"custom\"]}\n→ duplicate_items at /include/1", fix: "Remove the repeated item.", defaultSeverity: .error),
        .init(code: .containsMismatch, summary: "No item of an array matches the `contains` schema.",
              example: "{\"roles\": [\"viewer\"]} with contains: {const: owner}\n→ contains_mismatch at /roles", fix: "Add an item that matches.", defaultSeverity: .error),
        .init(code: .immutableField, summary: "A value marked `immutable` differs from the previous version of the document (--previous FILE, --against REV, or a sidecar's previous).",
              example: "previous {\"uid\": \"a1\"}, now {\"uid\": \"b2\"}\n→ immutable_field at /uid", fix: "Keep the previous value; create a new resource instead of changing the id.", defaultSeverity: .error),
        .init(code: .notUnique, summary: "A value marked `unique` repeats across the payloads linted together (or is on the rule's list of values already in use).",
              example: "a.json and b.json both with {\"email\": \"ada@example.com\"}\n→ not_unique at /email in b.json (first used by a.json)", fix: "Give each payload its own value.", defaultSeverity: .error),
        .init(code: .inconsistentValue, summary: "A value must equal a request parameter (`equals`) and does not.",
              example: "PUT /users/u1 with {\"data\": {\"id\": \"u2\"}}\n→ inconsistent_value at /data/id", fix: "Make the body agree with the parameter (--param path.userId=…).", defaultSeverity: .error),
        .init(code: .regexLimit, summary: "The regular expression engine gave up (match or depth limit) on this value: neither a match nor a mismatch was decided.",
              example: "a 10,000-character string against a backtracking pattern\n→ regex_limit at /avatar", fix: "Check the value by hand; simplify the rule's pattern (`payloadlint rules check`).", defaultSeverity: .warning),
        .init(code: .unsupportedMediaType, summary: "The Content-Type header names a media type the operation does not accept (HTTP 415).",
              example: "--header Content-Type=application/json for a JSON:API operation\n→ unsupported_media_type at /Content-Type (header)", fix: "Send the documented media type (application/vnd.api+json).", defaultSeverity: .error),
        .init(code: .notAcceptable, summary: "The Accept header allows no media type the operation can answer with (HTTP 406).",
              example: "--header Accept=text/html\n→ not_acceptable at /Accept (header)", fix: "Accept the documented media type.", defaultSeverity: .error),
        .init(code: .schemaMismatch, summary: "The value fails a combination of schemas (`anyOf`, `oneOf`, `not`, `if/then/else`) as a whole.",
              example: "{\"id\": true} with oneOf: [{type: string}, {type: integer}]\n→ schema_mismatch at /id", fix: "Send a value that matches exactly the documented alternative(s).", defaultSeverity: .error),
        .init(code: .clearedField, summary: "A member the API clears when it is absent (`clearedIfAbsent`) is missing: the update will erase the stored value.",
              example: "PubNub set metadata without \"custom\"\n→ cleared_field at /custom (info)", fix: "Send the member with its current value if it must be kept.", defaultSeverity: .info),
        .init(code: .stale, summary: "A Unix timestamp is further from the clock than `maxClockSkew` allows (use --now to lint reproducibly).",
              example: "--param query.timestamp=1500000000 with maxClockSkew: 600\n→ stale_timestamp at /timestamp (query)", fix: "Use a current timestamp.", defaultSeverity: .error),
        .init(code: .documentTooLarge, summary: "The payload is larger than the document's byte limit (`limits: {maxBytes}`) or the reader's.",
              example: "a 2 MB body with limits: {maxBytes: 1048576}\n→ document_too_large", fix: "Send a smaller payload.", defaultSeverity: .error),
        .init(code: .limitExceeded, summary: "A reader limit was hit: the payload is not checked further. (String and number lengths now have their own codes, string_limit and number_limit.)",
              example: "a 20 MB string\n→ string_limit", fix: "Shorten the value; such payloads are rejected by the API anyway.", defaultSeverity: .error),
        .init(code: .stringLimit, summary: "A string is longer than the reader's limit (default 16 MiB; --max-string-bytes, `limits: {maxStringBytes}` in .payloadlint.yaml, LintOptions.reader.maxStringBytes): the payload is not checked further.",
              example: "a 1 GB string\n→ string_limit: the string is longer than 16777216 bytes", fix: "Shorten the value, or raise the limit if such strings are legitimate.", defaultSeverity: .error),
        .init(code: .numberLimit, summary: "A number's text is longer than the reader's limit (default 4096 characters; --max-number-length, `limits: {maxNumberLength}`, LintOptions.reader.maxNumberLength): the payload is not checked further.",
              example: "[1111…100,000 digits…]\n→ number_limit: the number is longer than 4096 characters", fix: "Send the number with fewer digits (or as a string, if the API takes one).", defaultSeverity: .error),
        .init(code: .diagnosticLimit, summary: "A payload has more findings than the limit (default 1000; --max-diagnostics, `limits: {maxDiagnostics}`, LintOptions.maxDiagnosticsPerPayload): the first ones are reported, the rest only counted.",
              example: "100,000 duplicate member names\n→ 1000 duplicate_key, then diagnostic_limit: 99,000 more findings not reported", fix: "Fix the reported findings (they usually share a cause), or raise the limit.", defaultSeverity: .warning),
    ]
}
