import Foundation
import Testing
import PayloadLint

@Suite struct NativeResponseTests {
    static let mixed: [Diagnostic] = [
        diag(.typeMismatch, "/a~1b/0", "item 0 must be a string; found a\ttab\u{1}"),
        diag(.forbiddenCharacter, "/uuid", #"uuid contains the forbidden character "/""#, in: .path),
        diag(.requiredField, "/data/type", #"missing required member "type""#),
        diag(.tooLong, "/custom/na\"me", "na\"me is 3,000 characters long; at most 2,048 allowed"),
        diag(.unknownProperty, "/extra", "extra is not a known member", severity: .warning),
    ]

    @Test(arguments: NativeErrorStyle.allCases)
    func cleanReportIsNil(_ style: NativeErrorStyle) {
        #expect(report(style, []).nativeResponse() == nil)
        #expect(report(style, []).nativeResponse(style: style) == nil)
        let infos = report(style, [diag(.unknownProperty, "/x", "x is not a known member", severity: .info),
                                   diag(.unknownProperty, "/y", "y is not a known member", severity: .warning)])
        #expect(infos.nativeResponse() == nil)
    }

    /// Every style gives valid compact JSON, escaping included, and never mentions a warning.
    @Test(arguments: NativeErrorStyle.allCases)
    func validJSON(_ style: NativeErrorStyle) throws {
        let r = try #require(report(nil, Self.mixed).nativeResponse(style: style))
        try NativeGolden.parsedBody(r)
        #expect(!r.body.contains("extra"))
        #expect(r.body.contains(#"a\ttab\u0001"#))
    }

    @Test func errorStyleChoosesRenderer() {
        for style in NativeErrorStyle.allCases {
            let r = report(style, Self.mixed)
            #expect(r.nativeResponse() == r.nativeResponse(style: style))
        }
        #expect(report(.fullstory, Self.mixed).nativeResponse()?.contentType == "application/json")
        #expect(report(.jsonapi, Self.mixed).nativeResponse()?.contentType == "application/vnd.api+json")
    }

    /// No rule set (well-formedness only): JSON:API, the API-neutral one.
    @Test func noStyleFallsBackToJSONAPI() throws {
        let r = report(nil, [diag(.syntaxError, "", "unexpected end of input", line: 1, column: 2)])
        #expect(r.nativeResponse() == r.nativeResponse(style: .jsonapi))
        #expect(r.nativeResponse()?.status == 400)
    }

    @Test func escapedPointerSegments() throws {
        let r = report(.pubnub, [diag(.tooLong, "/a~1b/c~0d", "c~d is too long")])
        let error = try #require(try bodyObject(r.nativeResponse())["error"] as? [String: Any])
        let detail = try #require((error["details"] as? [[String: Any]])?.first)
        #expect(detail["location"] as? String == "a/b.c~d")
        let g = report(.googleRPC, [diag(.tooLong, "/a~1b/01", "01 is too long")])
        #expect(g.nativeResponse()?.body.contains(#""field":"a/b.01""#) == true)  // `01` is a member name, not an index
    }
}
