import Foundation
import Testing
import PayloadLint

@Suite struct PubNubNativeTests {
    let style = NativeErrorStyle.pubnub

    func details(_ r: Report) throws -> [[String: Any]] {
        let error = try #require(try bodyObject(r.nativeResponse(style: style))["error"] as? [String: Any])
        return try #require(error["details"] as? [[String: Any]])
    }

    @Test func bodyPointer() throws {
        let r = report(style, [diag(.blankValue, "/name", "name must contain a non-whitespace character")])
        try NativeGolden.check(r.nativeResponse(), style, "body-pointer")
        #expect(r.nativeResponse()?.body == #"{"status":400,"error":{"message":"Invalid request input.","source":"metadata","details":[{"message":"name must contain a non-whitespace character","location":"name","locationType":"body"}]}}"#)
    }

    @Test func nestedPointer() throws {
        let r = report(style, [diag(.typeMismatch, "/custom/tier", "tier must be a string, number, boolean or null; found an object")])
        try NativeGolden.check(r.nativeResponse(), style, "nested-pointer")
        #expect(try details(r).first?["location"] as? String == "custom.tier")
    }

    @Test func arrayIndex() throws {
        let r = report(style, [
            diag(.enumMismatch, "/include/1", #"item 1 is "channels"; allowed: custom, type, status"#, in: .query),
            diag(.typeMismatch, "/custom/tags/0", "item 0 must be a string, number, boolean or null; found an array"),
        ])
        try NativeGolden.check(r.nativeResponse(), style, "array-index")
        let d = try details(r)
        #expect(d.map { $0["location"] as? String } == ["include", "custom.tags.0"])
        #expect(d.map { $0["locationType"] as? String } == ["query", "body"])
    }

    @Test func pathParameter() throws {
        let r = report(style, [diag(.forbiddenCharacter, "/uuid", #"uuid contains the forbidden character ":""#, in: .path)])
        try NativeGolden.check(r.nativeResponse(), style, "path-parameter")
        #expect(try details(r).first?["locationType"] as? String == "path")
    }

    /// The seed's 415: the body's media type is refused before the body is read.
    @Test func header() throws {
        let r = report(style, [
            diag(.forbiddenCharacter, "/uuid", #"uuid contains the forbidden character ":""#, in: .path),
            diag(.unsupportedMediaType, "/Content-Type", #"Content-Type "text/plain" is not accepted; expected application/json"#, in: .header),
            diag(.blankValue, "/name", "name must contain a non-whitespace character"),
        ])
        try NativeGolden.check(r.nativeResponse(), style, "header")
        #expect(r.nativeResponse()?.status == 415)
        let d = try details(r)
        #expect(d.count == 1)
        #expect(d.first?["location"] as? String == "Content-Type")
        #expect(d.first?["locationType"] as? String == "header")
        let header = report(style, [diag(.tooLong, "/If-Match", "If-Match is 300 characters long; at most 256 allowed", in: .header)])
        #expect(try details(header).first?["locationType"] as? String == "header")
        #expect(header.nativeResponse()?.status == 400)
    }

    @Test func requiredField() throws {
        let r = report(style, [diag(.requiredField, "/name", #"missing required member "name""#)])
        try NativeGolden.check(r.nativeResponse(), style, "required-field")
    }

    @Test func syntaxError() throws {
        let r = report(style, [
            diag(.blankValue, "/name", "name must contain a non-whitespace character"),
            diag(.syntaxError, "/custom", "expected a value, found '}'", line: 2, column: 12),
        ])
        try NativeGolden.check(r.nativeResponse(), style, "syntax-error")
        #expect(try details(r).count == 1)
        let root = report(style, [diag(.invalidEncoding, "", "invalid UTF-8 byte 0xFF", line: 1, column: 1)])
        try NativeGolden.check(root.nativeResponse(), style, "invalid-encoding-root")
        #expect(try details(root).first?["location"] == nil)
    }

    @Test func warningsExcluded() throws {
        let r = report(style, [
            diag(.unknownProperty, "/nickname", "nickname is not a known member; the API ignores it", severity: .warning),
            diag(.tooLong, "/type", "type is 51 characters long; at most 50 allowed"),
            diag(.tooLong, "/status", "status is 60 characters long; at most 50 allowed"),
        ])
        try NativeGolden.check(r.nativeResponse(), style, "warnings-excluded")
        #expect(try details(r).count == 2)
        #expect(report(style, [diag(.unknownProperty, "/x", "x is not a known member", severity: .warning)]).nativeResponse() == nil)
    }
}
