import Foundation
import Testing
import PayloadLint

@Suite struct GoogleRPCNativeTests {
    let style = NativeErrorStyle.googleRPC

    func violations(_ r: Report) throws -> [[String: Any]] {
        let details = try #require(try bodyObject(r.nativeResponse())["details"] as? [[String: Any]])
        #expect(details.count == 1)
        #expect(details.first?["@type"] as? String == "type.googleapis.com/google.rpc.BadRequest")
        return try #require(details.first?["fieldViolations"] as? [[String: Any]])
    }

    @Test func bodyPointer() throws {
        let r = report(style, [diag(.patternMismatch, "/name", #"name "9lives" does not match ^[A-Za-z][0-9A-Za-z_-]+$"#)])
        try NativeGolden.check(r.nativeResponse(), style, "body-pointer")
        #expect(r.nativeResponse()?.body == #"{"code":3,"message":"name \"9lives\" does not match ^[A-Za-z][0-9A-Za-z_-]+$","details":[{"@type":"type.googleapis.com/google.rpc.BadRequest","fieldViolations":[{"field":"name","description":"name \"9lives\" does not match ^[A-Za-z][0-9A-Za-z_-]+$"}]}]}"#)
    }

    @Test func nestedPointer() throws {
        let r = report(style, [diag(.typeMismatch, "/metadata/label", "label must be an object; found a string")])
        try NativeGolden.check(r.nativeResponse(), style, "nested-pointer")
        #expect(try violations(r).first?["field"] as? String == "metadata.label")
    }

    @Test func arrayIndex() throws {
        let r = report(style, [diag(.typeMismatch, "/metadata/tags/2", "item 2 must be a string; found a number")])
        try NativeGolden.check(r.nativeResponse(), style, "array-index")
        #expect(try violations(r).first?["field"] as? String == "metadata.tags[2]")
        let query = report(style, [diag(.enumMismatch, "/include/1", #"item 1 is "x"; allowed: a, b"#, in: .query)])
        #expect(try violations(query).first?["field"] as? String == "include[1]")
    }

    @Test func pathParameter() throws {
        let r = report(style, [diag(.blankValue, "/id", "id must contain a non-whitespace character", in: .path)])
        try NativeGolden.check(r.nativeResponse(), style, "path-parameter")
        #expect(try violations(r).first?["field"] as? String == "id")
    }

    @Test func header() throws {
        let r = report(style, [diag(.unsupportedMediaType, "/Content-Type", #"Content-Type "text/plain" is not accepted; expected application/json"#, in: .header)])
        try NativeGolden.check(r.nativeResponse(), style, "header")
        #expect(r.nativeResponse()?.status == 400)
        #expect(try violations(r).first?["field"] as? String == "Content-Type")
    }

    @Test func requiredField() throws {
        let r = report(style, [diag(.requiredField, "/email", #"missing required member "email""#)])
        try NativeGolden.check(r.nativeResponse(), style, "required-field")
    }

    /// grpc-gateway's own answer for a body that does not decode: no details.
    @Test func syntaxError() throws {
        let r = report(style, [
            diag(.patternMismatch, "/name", #"name "9lives" does not match ^[A-Za-z][0-9A-Za-z_-]+$"#),
            diag(.syntaxError, "/title", "unterminated string", line: 1, column: 40),
        ])
        try NativeGolden.check(r.nativeResponse(), style, "syntax-error")
        #expect(r.nativeResponse()?.body == #"{"code":3,"message":"proto: syntax error (line 1:40): unterminated string","details":[]}"#)
    }

    @Test func severalViolations() throws {
        let r = report(style, [
            diag(.tooManyBytes, "/avatar", "avatar is 250,000 bytes long in UTF-8; at most 204,800 allowed"),
            diag(.formatMismatch, "/email", #"email "john@" is not an email address"#),
            diag(.unknownProperty, "/nickname", "nickname is not a known member; the API ignores it", severity: .warning),
        ])
        try NativeGolden.check(r.nativeResponse(), style, "warnings-excluded")
        #expect(try violations(r).map { $0["field"] as? String } == ["avatar", "email"])
        #expect(try bodyObject(r.nativeResponse())["message"] as? String == "avatar is 250,000 bytes long in UTF-8; at most 204,800 allowed")
        #expect(report(style, [diag(.unknownProperty, "/x", "x is not a known member", severity: .info)]).nativeResponse() == nil)
    }
}
