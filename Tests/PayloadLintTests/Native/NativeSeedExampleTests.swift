import Foundation
import Testing
import PayloadLint

/// The error bodies the seed documents (`../shared/seeds/`) show, reproduced from the diagnostics
/// they imply; where a seed gives only a schema or placeholders, our bodies are checked against it.
@Suite struct NativeSeedExampleTests {
    /// Fullstory Update User, 400: `{"message": "uid is required", "code": "required_field"}` —
    /// byte for byte once the seed's pretty-printing is removed.
    @Test func fullstoryRequiredUID() throws {
        guard let seed = try NativeGolden.seed("000_") else { return }
        let example = try #require(NativeGolden.jsonBlock(in: seed, after: "Returned when invalid input has been provided"))
        let r = report(.fullstory, [diag(.requiredField, "/uid", #"missing required member "uid""#, line: 1, column: 1)])
        let response = try #require(r.nativeResponse())
        #expect(response.status == 400)
        #expect(response.body == NativeGolden.compact(example))
        #expect(response.body == #"{"message":"uid is required","code":"required_field"}"#)
        let expected = try JSONSerialization.jsonObject(with: Data(example.utf8)) as? NSDictionary
        #expect(expected == (try JSONSerialization.jsonObject(with: Data(response.body.utf8)) as? NSDictionary))
    }

    /// PubNub Set user metadata, 400: the seed gives the schema; every member we write is in it,
    /// with the values it allows.
    @Test func pubnubSchema() throws {
        guard let seed = try NativeGolden.seed("001_") else { return }
        #expect(seed.contains("Possible values: [metadata, authz]"))
        #expect(seed.contains("Possible values: [path, query, header, body]"))
        let r = report(.pubnub, [
            diag(.forbiddenCharacter, "/uuid", #"uuid contains the forbidden character ",""#, in: .path),
            diag(.enumMismatch, "/include/0", #"item 0 is "channel"; allowed: custom, type, status"#, in: .query),
            diag(.typeMismatch, "/custom/tier", "tier must be a string, number, boolean or null; found an object"),
            diag(.notAcceptable, "/Accept", #"Accept "text/html" does not accept application/json"#, in: .header),
        ])
        let body = try bodyObject(r.nativeResponse())
        #expect(Set(body.keys) == ["status", "error"])
        #expect(body["status"] as? Int == 400)
        let error = try #require(body["error"] as? [String: Any])
        #expect(Set(error.keys) == ["message", "source", "details"])
        #expect(["metadata", "authz"].contains(error["source"] as? String ?? ""))
        let details = try #require(error["details"] as? [[String: Any]])
        for d in details {
            #expect(Set(d.keys).isSubset(of: ["message", "location", "locationType"]))
            #expect(d["message"] is String && d["location"] is String)
        }
        #expect(details.map { $0["locationType"] as? String } == ["path", "query", "body", "header"])
        #expect(details.map { $0["location"] as? String } == ["uuid", "include", "custom.tier", "Accept"])
        #expect(seed.contains("415") && seed.contains("The request body must be in JSON format."))
    }

    /// Frontier Update user, 400: the seed's example is placeholders
    /// (`{"code": 0, "message": "string", "details": [{"@type": "string"}]}`); ours has the same
    /// members with the same JSON types.
    @Test func frontierShape() throws {
        guard let seed = try NativeGolden.seed("002_") else { return }
        let example = try #require(NativeGolden.jsonBlock(in: seed, after: "Bad Request - "))
        let expected = try #require(try JSONSerialization.jsonObject(with: Data(example.utf8)) as? [String: Any])
        let r = report(.googleRPC, [diag(.typeMismatch, "/metadata/label", "label must be an object; found a string")])
        let body = try bodyObject(r.nativeResponse())
        #expect(Set(body.keys) == Set(expected.keys))
        #expect(body["code"] is Int && expected["code"] is Int)
        #expect(body["message"] is String && expected["message"] is String)
        let detail = try #require((body["details"] as? [[String: Any]])?.first)
        let expectedDetail = try #require((expected["details"] as? [[String: Any]])?.first)
        #expect(Set(expectedDetail.keys).isSubset(of: Set(detail.keys)))
        #expect(detail["@type"] is String)
        #expect(body["code"] as? Int == 3)
    }

    /// PACE Update user: members as the seed's error schema (`source` may also carry `header`,
    /// JSON:API 1.1), statuses among the documented ones, id shaped like the seed's xid.
    @Test func paceSchema() throws {
        guard let seed = try NativeGolden.seed("003_") else { return }
        let example = try #require(NativeGolden.jsonBlock(in: seed, after: "Response examples (422)"))
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(example.utf8)) as? [String: Any])
        let schemaError = try #require((schema["errors"] as? [[String: Any]])?.first)
        let schemaSource = try #require(schemaError["source"] as? [String: Any])
        let r = report(.jsonapi, [
            diag(.inconsistentValue, "/data/id", "id must equal the path parameter userId"),
            diag(.formatMismatch, "/userId", #"userId "x" is not a UUID"#, in: .path),
            diag(.notAcceptable, "/Accept", #"Accept "text/html" does not accept application/vnd.api+json"#, in: .header),
        ])
        let response = try #require(r.nativeResponse())
        #expect(seed.contains("\(response.status) application/vnd.api+json"))
        #expect(response.contentType == "application/vnd.api+json")
        let body = try bodyObject(response)
        #expect(Set(body.keys) == Set(schema.keys))
        let errors = try #require(body["errors"] as? [[String: Any]])
        let xid = try #require(NativeGolden.jsonBlock(in: seed, after: "missing-linked-identity\n"))
        let seedID = try #require(((try JSONSerialization.jsonObject(with: Data(xid.utf8)) as? [String: Any])?["errors"] as? [[String: Any]])?.first?["id"] as? String)
        for e in errors {
            #expect(Set(e.keys).isSubset(of: Set(schemaError.keys)))
            #expect(e.values.allSatisfy { $0 is String || $0 is [String: Any] })
            let source = try #require(e["source"] as? [String: String])
            #expect(Set(source.keys).isSubset(of: Set(schemaSource.keys).union(["header"])))
            let status = try #require(e["status"] as? String)
            #expect(seed.contains("\(status) application/vnd.api+json"))
            let id = try #require(e["id"] as? String)
            #expect(id.count == seedID.count)
            #expect(id.allSatisfy { "0123456789abcdefghijklmnopqrstuv".contains($0) })
        }
    }
}
