import JSONStream

/// The HTTP answer the API itself would give for a payload: status, compact JSON body, media type.
///
/// Rendered per the rule file's `errors:` style (DESIGN.md, "Output formats", `native`):
/// `fullstory`, `pubnub`, `google-rpc` and `jsonapi` each have their own renderer in this folder.
///
/// Only error-severity findings are rendered. Warnings and infos describe things the real API
/// accepts (it ignores unknown members, say), so it would never mention them: they are left out
/// of every style, and a report with nothing but warnings renders as success (nil).
public struct NativeResponse: Sendable, Equatable {
    /// The HTTP status code (400, 415, 422, …).
    public var status: Int
    /// The response body as compact JSON text.
    public var body: String
    /// `application/json`, or `application/vnd.api+json` for JSON:API.
    public var contentType: String

    public init(status: Int, body: String, contentType: String) {
        self.status = status
        self.body = body
        self.contentType = contentType
    }

    static let json = "application/json"
    static let jsonAPI = "application/vnd.api+json"
}

extension Report {
    /// What the API itself would answer for this payload: nil when the report has no
    /// error-severity finding (the request would succeed).
    ///
    /// Renders in `errorStyle`. A report without one (no rule set applied: only well-formedness
    /// was checked) falls back to `jsonapi`: the one style defined by a public, API-neutral
    /// specification (jsonapi.org) that carries every finding with its own status and an RFC 6901
    /// pointer.
    public func nativeResponse() -> NativeResponse? {
        nativeResponse(style: errorStyle ?? .jsonapi)
    }

    /// What an API answering in `style` would send for this payload; nil when the report has no
    /// error-severity finding. Warnings and infos are never rendered (the API would accept them).
    public func nativeResponse(style: NativeErrorStyle) -> NativeResponse? {
        let errors = diagnostics.filter { $0.severity == .error }
        guard !errors.isEmpty else { return nil }
        switch style {
        case .fullstory: return FullstoryErrorRenderer.render(errors)
        case .pubnub: return PubNubErrorRenderer.render(errors)
        case .googleRPC: return GoogleRPCErrorRenderer.render(errors)
        case .jsonapi: return JSONAPIErrorRenderer.render(errors)
        }
    }
}

/// Location helpers shared by the native renderers.
enum NativeLocation {
    /// The pointer's unescaped segments (`/custom/a~1b` → `custom`, `a/b`). A pointer that is not
    /// valid RFC 6901 (never produced by the linter) is kept whole as one segment.
    static func segments(_ d: Diagnostic) -> [String] {
        JSONPointer.segments(d.pointer) ?? [String(d.pointer.drop { $0 == "/" })]
    }

    /// Whether a segment reads as an array index (`0`, `12`; not `01`, not ``).
    ///
    /// A pointer alone cannot tell an index from an all-digit member name; the renderers read
    /// such segments as indices, which is what they nearly always are.
    static func isIndex(_ segment: String) -> Bool {
        guard let first = segment.utf8.first else { return false }
        guard segment.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return false }
        return first != UInt8(ascii: "0") || segment.utf8.count == 1
    }

    /// Dot-delimited path: `/custom/tier` → `custom.tier`, `/custom/tags/0` → `custom.tags.0`.
    static func dotPath(_ d: Diagnostic) -> String {
        segments(d).joined(separator: ".")
    }

    /// The parameter's name: a parameter's pointer is `/<name>` (`/include/0` for an item).
    static func parameterName(_ d: Diagnostic) -> String {
        segments(d).first ?? ""
    }

    /// Body could not be parsed: the API never got as far as reading any member.
    static func isMalformed(_ d: Diagnostic) -> Bool {
        d.code == .syntaxError || d.code == .invalidEncoding
    }

    /// The diagnostic's message with its location spelled `path`.
    ///
    /// The validator starts a message with the value's subject: its member name (`tier is …`),
    /// `item N` for an array item, or `the body`/the parameter's name at the top. When the message
    /// starts that way, the subject is replaced by the full path (`custom.tier is …`); otherwise
    /// (a rule's own `message:`, `member name: …`) the path is put in front: `custom.tier: …`.
    static func message(_ d: Diagnostic, naming path: String) -> String {
        let segs = segments(d)
        guard !path.isEmpty, let last = segs.last else { return d.message }
        var subjects = [last]
        if isIndex(last) { subjects.insert("item \(last)", at: 0) }
        for subject in subjects where d.message.hasPrefix(subject + " ") {
            return path + d.message.dropFirst(subject.count)
        }
        return path + ": " + d.message
    }

    /// ` (line 3, column 7)` when the diagnostic has a position, else empty.
    static func position(_ d: Diagnostic) -> String {
        d.line > 0 ? " (line \(d.line), column \(d.column))" : ""
    }
}
