import Foundation
import Testing
import PayloadLint

@Suite struct FullstoryNativeTests {
    let style = NativeErrorStyle.fullstory

    @Test func bodyPointer() throws {
        let r = report(style, [diag(.tooLong, "/display_name", "display_name is 300 characters long; at most 256 allowed", line: 1, column: 17)])
        try NativeGolden.check(r.nativeResponse(), style, "body-pointer")
        #expect(r.nativeResponse()?.body == #"{"message":"display_name is 300 characters long; at most 256 allowed","code":"invalid_argument"}"#)
        #expect(r.nativeResponse()?.status == 400)
        #expect(r.nativeResponse()?.contentType == "application/json")
    }

    @Test func nestedPointer() throws {
        let r = report(style, [diag(.tooManyBytes, "/properties/a/b", "b is 9,000 bytes long as compact JSON; at most 8,192 allowed")])
        try NativeGolden.check(r.nativeResponse(), style, "nested-pointer")
        #expect(try bodyObject(r.nativeResponse())["message"] as? String == "properties.a.b is 9,000 bytes long as compact JSON; at most 8,192 allowed")
    }

    @Test func arrayIndex() throws {
        let r = report(style, [diag(.typeMismatch, "/properties/tags/1", "item 1 must be a string; found an object")])
        try NativeGolden.check(r.nativeResponse(), style, "array-index")
        #expect(try bodyObject(r.nativeResponse())["message"] as? String == "properties.tags.1 must be a string; found an object")
    }

    @Test func pathParameter() throws {
        let r = report(style, [diag(.tooShort, "/id", "id is 0 characters long; at least 1 required", in: .path)])
        try NativeGolden.check(r.nativeResponse(), style, "path-parameter")
    }

    @Test func header() throws {
        let r = report(style, [diag(.unsupportedMediaType, "/Content-Type", #"Content-Type "text/plain" is not accepted; expected application/json"#, in: .header)])
        try NativeGolden.check(r.nativeResponse(), style, "header")
    }

    @Test func requiredField() throws {
        let r = report(style, [diag(.requiredField, "/properties/plan/tier", #"missing required member "tier""#)])
        try NativeGolden.check(r.nativeResponse(), style, "required-field")
        #expect(r.nativeResponse()?.body == #"{"message":"properties.plan.tier is required","code":"required_field"}"#)
    }

    @Test func syntaxError() throws {
        let r = report(style, [diag(.syntaxError, "/email", "expected ',' or '}' after member value, found ']'", line: 3, column: 14)])
        try NativeGolden.check(r.nativeResponse(), style, "syntax-error")
    }

    /// One error per body: the first error; a malformed body wins over what was found before it.
    @Test func oneErrorPerBody() throws {
        let first = report(style, [
            diag(.tooShort, "/id", "id is 0 characters long; at least 1 required", in: .path),
            diag(.tooLong, "/display_name", "display_name is 300 characters long; at most 256 allowed"),
        ])
        try NativeGolden.check(first.nativeResponse(), style, "first-error")
        #expect(try bodyObject(first.nativeResponse())["message"] as? String == "id is 0 characters long; at least 1 required")

        let malformed = report(style, [
            diag(.tooLong, "/display_name", "display_name is 300 characters long; at most 256 allowed"),
            diag(.syntaxError, "", "unexpected end of input", line: 4, column: 1),
        ])
        try NativeGolden.check(malformed.nativeResponse(), style, "syntax-error-wins")
    }

    @Test func warningsExcluded() throws {
        let r = report(style, [
            diag(.unknownProperty, "/nickname", "nickname is not a known member; the API ignores it", severity: .warning),
            diag(.typeMismatch, "/email", "email must be a string; found a number"),
            diag(.formatMismatch, "/email", "email is not an email address", severity: .info),
        ])
        try NativeGolden.check(r.nativeResponse(), style, "warnings-excluded")
        let onlyWarnings = report(style, [diag(.unknownProperty, "/nickname", "nickname is not a known member; the API ignores it", severity: .warning)])
        #expect(onlyWarnings.nativeResponse() == nil)
    }

    /// A rule's own `message:` does not start with the member name: the path goes in front.
    @Test func customMessage() throws {
        let r = report(style, [diag(.patternMismatch, "/properties/a_b", "Property names must start with a letter")])
        #expect(try bodyObject(r.nativeResponse())["message"] as? String == "properties.a_b: Property names must start with a letter")
    }
}
