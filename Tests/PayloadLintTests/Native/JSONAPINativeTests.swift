import Foundation
import Testing
import PayloadLint

@Suite struct JSONAPINativeTests {
    let style = NativeErrorStyle.jsonapi

    func errors(_ r: Report) throws -> [[String: Any]] {
        try #require(try bodyObject(r.nativeResponse())["errors"] as? [[String: Any]])
    }

    @Test func bodyPointer() throws {
        let r = report(style, [diag(.formatMismatch, "/data/attributes/email", #"email "user@" is not an email address"#)])
        try NativeGolden.check(r.nativeResponse(), style, "body-pointer")
        let response = try #require(r.nativeResponse())
        #expect(response.status == 422)
        #expect(response.contentType == "application/vnd.api+json")
        let e = try #require(try errors(r).first)
        #expect(e["status"] as? String == "422")
        #expect(e["code"] as? String == "format-mismatch")
        #expect(e["title"] as? String == "Invalid format")
        #expect(e["detail"] as? String == #"email "user@" is not an email address"#)
        #expect(e["source"] as? [String: String] == ["pointer": "/data/attributes/email"])
    }

    @Test func nestedPointer() throws {
        let r = report(style, [diag(.enumMismatch, "/data/attributes/address/country", #"country "XX" is not an ISO 3166-1 alpha-2 code"#)])
        try NativeGolden.check(r.nativeResponse(), style, "nested-pointer")
    }

    @Test func arrayIndex() throws {
        let r = report(style, [diag(.typeMismatch, "/data/relationships/cars/data/1/id", "id must be a string; found a number")])
        try NativeGolden.check(r.nativeResponse(), style, "array-index")
        #expect(try errors(r).first?["source"] as? [String: String] == ["pointer": "/data/relationships/cars/data/1/id"])
    }

    @Test func parameters() throws {
        let r = report(style, [
            diag(.formatMismatch, "/userId", #"userId "abc" is not a UUID"#, in: .path),
            diag(.enumMismatch, "/include/0", #"item 0 is "cars"; allowed: address"#, in: .query),
            diag(.inconsistentValue, "/data/id", "id must equal the path parameter userId"),
        ])
        try NativeGolden.check(r.nativeResponse(), style, "parameters")
        #expect(try errors(r).map { $0["source"] as? [String: String] } == [["parameter": "userId"], ["parameter": "include"], ["pointer": "/data/id"]])
    }

    @Test func headers() throws {
        let contentType = diag(.unsupportedMediaType, "/Content-Type", #"Content-Type "application/json" is not accepted; expected application/vnd.api+json"#, in: .header)
        let accept = diag(.notAcceptable, "/Accept", #"Accept "text/html" does not accept application/vnd.api+json"#, in: .header)
        let invalid = diag(.tooLong, "/data/attributes/firstName", "firstName is 300 characters long; at most 255 allowed")
        let both = report(style, [accept, contentType, invalid])
        try NativeGolden.check(both.nativeResponse(), style, "header")
        #expect(both.nativeResponse()?.status == 415)
        #expect(try errors(both).map { $0["status"] as? String } == ["406", "415", "422"])
        #expect(try errors(both).first?["source"] as? [String: String] == ["header": "Accept"])
        #expect(report(style, [accept, invalid]).nativeResponse()?.status == 406)
        #expect(report(style, [contentType]).nativeResponse()?.status == 415)
    }

    @Test func requiredField() throws {
        let r = report(style, [diag(.requiredField, "/data/type", #"missing required member "type""#)])
        try NativeGolden.check(r.nativeResponse(), style, "required-field")
        #expect(try errors(r).first?["code"] as? String == "required-field")
    }

    /// Malformed JSON: 400 over everything else (415 included); each error keeps its own status.
    @Test func syntaxError() throws {
        let r = report(style, [
            diag(.unsupportedMediaType, "/Content-Type", #"Content-Type "text/plain" is not accepted; expected application/vnd.api+json"#, in: .header),
            diag(.tooLong, "/data/attributes/firstName", "firstName is 300 characters long; at most 255 allowed"),
            diag(.syntaxError, "/data/attributes", "expected ',' or '}' after member value, found '\"'", line: 5, column: 9),
        ])
        try NativeGolden.check(r.nativeResponse(), style, "syntax-error")
        #expect(r.nativeResponse()?.status == 400)
        #expect(try errors(r).map { $0["status"] as? String } == ["415", "422", "400"])
        #expect(report(style, [diag(.invalidEncoding, "", "invalid UTF-8 byte 0xC0")]).nativeResponse()?.status == 400)
    }

    @Test func warningsExcluded() throws {
        let r = report(style, [
            diag(.unknownProperty, "/data/attributes/nickname", "nickname is not a known member; the API ignores it", severity: .warning),
            diag(.outOfRange, "/data/attributes/address/houseNo", "houseNo is -1; at least 0 required"),
        ])
        try NativeGolden.check(r.nativeResponse(), style, "warnings-excluded")
        #expect(try errors(r).count == 1)
        #expect(report(style, [diag(.unknownProperty, "/data/x", "x is not a known member", severity: .warning)]).nativeResponse() == nil)
    }

    /// The seed's id is an xid (`cbgmhslmp1o9or9kh1p0`): the same one on every error of a
    /// response, and the same findings always give the same id.
    @Test func responseID() throws {
        let diagnostics = [
            diag(.requiredField, "/data/type", #"missing required member "type""#),
            diag(.tooLong, "/data/attributes/firstName", "firstName is 300 characters long; at most 255 allowed"),
        ]
        let ids = try errors(report(style, diagnostics)).map { try #require($0["id"] as? String) }
        #expect(Set(ids).count == 1)
        let id = try #require(ids.first)
        #expect(id.count == 20)
        #expect(id.allSatisfy { "0123456789abcdefghijklmnopqrstuv".contains($0) })
        #expect(try errors(report(style, diagnostics)).first?["id"] as? String == id)
        #expect(try errors(report(style, [diagnostics[0]])).first?["id"] as? String != id)
    }
}
