import Foundation
import Testing

@testable import PayloadLint

/// Loads `text` as the rule file `r.yaml` (plus `others`) from memory.
private func load(_ text: String, file: String = "r.yaml", others: [String: String] = [:]) -> RuleLoadResult {
    var files = others
    files[file] = text
    return RuleLoader.load(file: file, from: InMemoryRuleSource(files: files))
}

/// The only document, or a test failure listing the errors.
private func document(_ text: String, file: String = "r.yaml", others: [String: String] = [:],
                      sourceLocation: SourceLocation = #_sourceLocation) -> RuleDocument?
{
    let result = load(text, file: file, others: others)
    #expect(result.errors.map(\.description) == [], sourceLocation: sourceLocation)
    return result.documents.first
}

/// The error descriptions loading `text` gives.
private func errors(_ text: String, file: String = "r.yaml", others: [String: String] = [:]) -> [String] {
    let result = load(text, file: file, others: others)
    #expect(result.documents.isEmpty, "a rule file with errors gives no document")
    return result.errors.map(\.description)
}

private func node(_ doc: RuleDocument, _ id: SchemaID?) -> SchemaNode {
    guard let id, doc.nodes.indices.contains(id) else {
        Issue.record("no schema \(String(describing: id))")
        return SchemaNode(location: RuleLocation(file: "", keywordPath: ""))
    }
    return doc.nodes[id]
}

private func property(_ doc: RuleDocument, _ schema: SchemaNode, _ name: String) -> SchemaNode {
    node(doc, schema.properties?.value.first(where: { $0.name == name })?.schema)
}

@Suite struct RuleLoaderTests {
    // MARK: The model

    @Test func headerAndBody() throws {
        let doc = try #require(document("""
            id: pubnub.set-uuid-metadata
            title: PubNub — Set user metadata
            source: https://www.pubnub.com/docs
            description: Sets metadata.
            operation: { method: PATCH, path: "/v2/objects/{sub_key}/uuids/{uuid}" }
            errors: pubnub
            bodyRequired: false
            limits: { maxDepth: 32, maxBytes: 32768 }
            body:
              type: object
              unknownProperties: warn
              required: [name]
              properties:
                name: { type: string, minLength: 1, maxLength: 2048, notBlank: true }
                custom: { type: object, additionalProperties: { type: [string, number, boolean, "null"] } }
            """))
        #expect(doc.id == "pubnub.set-uuid-metadata")
        #expect(doc.title == "PubNub — Set user metadata")
        #expect(doc.source == "https://www.pubnub.com/docs")
        #expect(doc.method == "PATCH")
        #expect(doc.path == "/v2/objects/{sub_key}/uuids/{uuid}")
        #expect(doc.errors == .pubnub)
        #expect(doc.bodyRequired == false)
        #expect(doc.limits.maxDepth?.value == 32)
        #expect(doc.limits.maxBytes?.value == 32768)
        #expect(doc.file == "r.yaml")
        let body = node(doc, doc.body)
        #expect(body.types?.value == [.object])
        #expect(body.unknownProperties?.value == .warn)
        #expect(body.required?.value == ["name"])
        #expect(body.properties?.value.map(\.name) == ["name", "custom"])
        let name = property(doc, body, "name")
        #expect(name.types?.value == [.string])
        #expect(name.minLength?.value == 1)
        #expect(name.notBlank?.value == true)
        let maxLength = try #require(name.maxLength)
        #expect(maxLength.value == 2048)
        #expect(maxLength.location == RuleLocation(
            file: "r.yaml", keywordPath: "body/properties/name/maxLength", line: 14, column: 41))
        #expect(name.location.keywordPath == "body/properties/name")
        let custom = property(doc, body, "custom")
        let additional = node(doc, custom.additionalProperties?.value)
        #expect(additional.types?.value == [.string, .number, .boolean, .null])
    }

    @Test func everyKeywordLoads() throws {
        let doc = try #require(document("""
            id: all
            body:
              $schema: https://json-schema.org/draft/2020-12/schema
              $comment: annotations are accepted
              title: t
              description: d
              default: {}
              examples: [{}]
              deprecated: false
              readOnly: false
              writeOnly: false
              type: object
              enum: [{}, {a: 1}]
              const: {}
              minProperties: 0
              maxProperties: 10
              properties:
                s: { type: string, minLength: 1, maxLength: 5, pattern: "^a", format: email, minBytes: 1,
                     maxBytes: 20, forbidden: [",", "/"], forbidControl: true, notBlank: true,
                     immutable: once-set, unique: users, uniqueKnown: [a, b], equals: path.userId,
                     contentMediaType: text/plain, contentEncoding: base64 }
                n: { type: number, minimum: -1.5, maximum: 1e3, exclusiveMinimum: .5, exclusiveMaximum: +1000,
                     multipleOf: 0.01, maxClockSkew: 300 }
                a: { type: array, prefixItems: [true, false], items: { type: integer }, contains: { const: 1 },
                     minContains: 1, maxContains: 2, minItems: 1, maxItems: 3, uniqueItems: true }
                o: { maxDepth: 3, maxKeyPathLength: 40, keyPathSeparator: "/", maxPropertyPaths: 500,
                     clearedIfAbsent: [x], propertyNames: { maxLength: 3 }, dependentRequired: { a: [b] },
                     dependentSchemas: { a: { required: [c] } }, patternProperties: { "^x": true },
                     additionalProperties: false, severity: warning, message: custom text }
                c: { allOf: [true], anyOf: [true, false], oneOf: [true], not: false, if: true, then: true, else: false }
                h: { mediaType: application/json, accepts: application/json }
              $defs:
                unused: { type: string }
            """))
        let body = node(doc, doc.body)
        #expect(body.enumValues?.value.count == 2)
        #expect(body.const?.value == .object([]))
        let s = property(doc, body, "s")
        #expect(s.pattern?.value == "^a")
        #expect(s.format?.value == "email")
        #expect(s.forbidden?.value == [",", "/"])
        #expect(s.immutable?.value == .onceSet)
        #expect(s.unique?.value.scope == "users")
        #expect(s.unique?.value.known == [.string("a"), .string("b")])
        #expect(s.equals?.value == "path.userId")
        let n = property(doc, body, "n")
        #expect(n.minimum?.value == JSONNumber("-1.5"))
        #expect(n.maximum?.value == JSONNumber("1000"))
        #expect(n.maximum?.value.text == "1e3")
        #expect(n.exclusiveMinimum?.value.text == "0.5")
        #expect(n.exclusiveMaximum?.value.text == "1000")
        #expect(n.multipleOf?.value == JSONNumber("0.01"))
        #expect(n.maxClockSkew?.value == 300)
        let a = property(doc, body, "a")
        #expect(a.prefixItems?.value.map { doc.nodes[$0].boolean } == [true, false])
        #expect(node(doc, a.items?.value).types?.value == [.integer])
        #expect(a.uniqueItems?.value == true)
        let o = property(doc, body, "o")
        #expect(o.keyPathSeparator == "/")
        #expect(o.maxPropertyPaths?.value == 500)
        #expect(o.dependentRequired?.value.first?.requires == ["b"])
        #expect(o.patternProperties?.value.first?.pattern == "^x")
        #expect(node(doc, o.additionalProperties?.value).boolean == false)
        #expect(o.severity == .warning)
        #expect(o.message == "custom text")
        let c = property(doc, body, "c")
        #expect(c.anyOf?.value.count == 2)
        #expect(node(doc, c.elseSchema?.value).boolean == false)
        #expect(property(doc, body, "h").mediaType?.value == "application/json")
    }

    @Test func scalarsFollowYAML12Core() throws {
        let doc = try #require(document("""
            id: scalars
            body:
              enum: ["1", 1, 1.0, true, "true", null, ~, "null", 0x1F, 0o17, 007, -0.5e-3, 12345678901234567890123, yes]
            """))
        let values = try #require(node(doc, doc.body).enumValues?.value)
        #expect(values == [
            .string("1"), .number(JSONNumber(1)), .number(JSONNumber(1)), .bool(true), .string("true"), .null, .null,
            .string("null"), .number(JSONNumber(31)), .number(JSONNumber(15)), .number(JSONNumber(7)),
            .number(try #require(JSONNumber("-0.0005"))),
            .number(try #require(JSONNumber("12345678901234567890123"))), .string("yes"),
        ])
        #expect(values[2].description == "1.0")
        let result = load("id: x\nbody: {enum: [on]}\n")
        #expect(result.warnings.map(\.description) == [
            "r.yaml:2:15: warning: `on` is the string \"on\" (YAML 1.2); write true/false for a boolean, or quote it"
        ])
    }

    @Test func parseJSONValue() throws {
        let value = try RuleLoader.parseJSONValue(yaml: "{a: [1, .5, +2, \"x\"], b: null}", file: "v.yaml")
        #expect(value.description == #"{"a":[1,0.5,2,"x"],"b":null}"#)
        #expect(throws: RuleFileError.self) { try RuleLoader.parseJSONValue(yaml: "a: .inf", file: "v.yaml") }
        do {
            _ = try RuleLoader.parseJSONValue(yaml: "a: [1,\n  .nan]", file: "v.yaml")
            Issue.record("no error")
        } catch {
            #expect(error.description == "v.yaml:2:3: error: `.nan` is not a JSON number (JSON has no infinity or NaN)")
        }
    }

    @Test func jsonRuleFile() throws {
        let doc = try #require(document("""
            {
              "id": "json.rule",
              "body": {"type": "object", "properties": {"a": {"maxLength": 3}}}
            }
            """, file: "r.json"))
        let a = property(doc, node(doc, doc.body), "a")
        #expect(a.maxLength?.location == RuleLocation(
            file: "r.json", keywordPath: "body/properties/a/maxLength", line: 3, column: 51))
    }

    // MARK: Errors with their positions

    @Test func unknownKeywordSuggests() {
        #expect(errors("""
            id: x
            body:
              properties:
                name: { maxLenght: 3, MinLength: 1, fooBar: 2 }
            """) == [
            "r.yaml:4:13: error: unknown keyword `maxLenght`; did you mean `maxLength`?",
            "r.yaml:4:27: error: unknown keyword `MinLength`; did you mean `minLength`?",
            "r.yaml:4:41: error: unknown keyword `fooBar`",
        ])
        #expect(errors("id: x\nbdy: {}\n") == ["r.yaml:2:1: error: unknown rule file key `bdy`; did you mean `body`?"])
    }

    @Test func unsupportedKeyword() {
        #expect(errors("id: x\nbody: {unevaluatedProperties: false, $dynamicRef: '#meta'}\n") == [
            "r.yaml:2:8: error: unsupported keyword `unevaluatedProperties`: use `additionalProperties` or `unknownProperties`",
            "r.yaml:2:38: error: unsupported keyword `$dynamicRef`: dynamic references are not implemented; use `$ref`",
        ])
    }

    @Test func wrongTypes() {
        #expect(errors("""
            id: x
            body:
              maxLength: "64"
              minItems: -1
              minimum: abc
              multipleOf: 0
              uniqueItems: 1
              required: name
              allOf: []
              items: [true]
              type: strin
              properties: { a: 3 }
            """) == [
            "r.yaml:3:14: error: `maxLength` must be a non-negative integer, found string \"64\"",
            "r.yaml:4:13: error: `minItems` must be a non-negative integer, found integer -1",
            "r.yaml:5:12: error: `minimum` must be a number, found string \"abc\"",
            "r.yaml:6:15: error: `multipleOf` must be greater than 0, found integer 0",
            "r.yaml:7:16: error: `uniqueItems` must be true or false, found integer 1",
            "r.yaml:8:13: error: `required` must be an array of strings, found string \"name\"",
            "r.yaml:9:10: error: `allOf` must be a non-empty array of schemas, found an array",
            "r.yaml:10:10: error: `items` must be a schema (a mapping or true/false), found an array; for a tuple use `prefixItems`",
            "r.yaml:11:9: error: `type` must be one of null, boolean, object, array, number, string, integer, found string \"strin\"; did you mean `string`?",
            "r.yaml:12:20: error: a schema must be a mapping or true/false, found integer 3",
        ])
    }

    @Test func badEnumValues() {
        #expect(errors("""
            id: x
            errors: pubnb
            body:
              immutable: sometimes
              unknownProperties: warning
              severity: fatal
            """) == [
            "r.yaml:2:9: error: `errors` must be one of fullstory, pubnub, google-rpc, jsonapi, found string \"pubnb\"; did you mean `pubnub`?",
            "r.yaml:4:14: error: `immutable` must be one of always, once-set, found string \"sometimes\"",
            "r.yaml:5:22: error: `unknownProperties` must be one of ignore, warn, error, found string \"warning\"",
            "r.yaml:6:13: error: `severity` must be one of info, warning, error, found string \"fatal\"",
        ])
    }

    @Test func notYAML() {
        #expect(errors("id: x\nbody: {type: string\n") == [
            "r.yaml:3:1: error: not valid YAML: did not find expected ',' or '}' (while parsing a flow mapping started at 2:7)"
        ])
    }

    @Test func duplicateKeys() {
        #expect(errors("id: x\nbody:\n  type: string\n  maxLength: 3\n  type: object\n") == [
            "r.yaml:3:3: error: duplicate key `type` in this mapping"
        ])
    }

    @Test func topLevelMustBeAMapping() {
        #expect(errors("- id: x\n") == ["r.yaml:1:1: error: the top level of a rule file must be a mapping, found an array"])
        #expect(errors("title: no id\n") == ["r.yaml:1:1: error: a rule file needs an `id` (like `pubnub.set-uuid-metadata`)"])
    }

    @Test func duplicateIDAcrossFiles() {
        let result = RuleLoader.load(from: InMemoryRuleSource(files: [
            "a/one.yaml": "id: same\nbody: true\n",
            "b/two.yaml": "title: again\nid: same\n",
            "common.yaml": "type: string\n",
        ]))
        #expect(result.documents.map(\.file) == ["a/one.yaml"])
        #expect(result.errors.map(\.description) == [
            "b/two.yaml:2:5: error: duplicate rule id `same` (already used in a/one.yaml:1:5)"
        ])
    }

    // MARK: $ref

    @Test func referenceToSiblingFile() throws {
        let doc = try #require(document("""
            id: x
            body:
              properties:
                a: { $ref: common.yaml }
                b: { $ref: "common.yaml#/$defs/name" }
                c: { $ref: "common.yaml#/$defs/name" }
                d: { $ref: "./common.yaml#" }
            """, file: "vendor/r.yaml", others: [
                "vendor/common.yaml": """
                    type: object
                    properties: { name: { $ref: "#/$defs/name" } }
                    $defs:
                      name: { type: string, maxLength: 64 }
                    """
            ]))
        let body = node(doc, doc.body)
        let a = property(doc, body, "a").ref?.value
        let b = property(doc, body, "b").ref?.value
        #expect(b == property(doc, body, "c").ref?.value)
        #expect(a == property(doc, body, "d").ref?.value)
        let common = node(doc, a)
        #expect(common.types?.value == [.object])
        #expect(common.location.file == "vendor/common.yaml")
        let name = node(doc, b)
        #expect(name.maxLength?.location == RuleLocation(
            file: "vendor/common.yaml", keywordPath: "$defs/name/maxLength", line: 4, column: 25))
        #expect(property(doc, common, "name").ref?.value == b)
    }

    @Test func referencesIntoTheRuleFile() throws {
        let doc = try #require(document("""
            id: x
            $defs:
              "a/b": { type: string }
              "c d": { type: integer }
            body:
              properties:
                p: { $ref: "#/$defs/a~1b" }
                q: { $ref: "#/$defs/c%20d" }
                r: { $ref: "#/body/properties/p" }
                s: { $defs: { inner: { const: 1 } }, $ref: "#/body/properties/s/$defs/inner" }
                t: { $ref: "#named" }
                u: { $ref: "other.json#top" }
              $defs: { x: { $anchor: named, maxItems: 2 } }
            """, others: ["other.json": #"{"$defs": {"y": {"$anchor": "top", "minItems": 1}}}"#]))
        let body = node(doc, doc.body)
        #expect(node(doc, property(doc, body, "p").ref?.value).types?.value == [.string])
        #expect(node(doc, property(doc, body, "q").ref?.value).types?.value == [.integer])
        #expect(property(doc, body, "r").ref?.value == body.properties?.value.first?.schema)
        #expect(node(doc, property(doc, body, "s").ref?.value).const?.value == .number(JSONNumber(1)))
        let anchored = property(doc, body, "t").ref?.value
        #expect(node(doc, anchored).maxItems?.value == 2)
        #expect(node(doc, anchored).location.keywordPath == "body/$defs/x")
        #expect(node(doc, property(doc, body, "u").ref?.value).minItems?.value == 1)
    }

    @Test func referenceNowhere() {
        #expect(errors("""
            id: x
            $defs: { name: { type: string } }
            body:
              properties:
                a: { $ref: "#/$defs/nmae" }
                b: { $ref: missing.yaml }
                c: { $ref: "common.yaml#/$defs/x" }
                d: { $ref: "#anchor" }
                e: { $ref: "https://example.com/s.json" }
            """, others: ["common.yaml": "$defs: {y: true}\n"]) == [
            "r.yaml:5:16: error: `$ref` \"#/$defs/nmae\" resolves nowhere: `$defs` has no member `nmae` (did you mean `name`?)",
            "r.yaml:6:16: error: `$ref` \"missing.yaml\" resolves nowhere: no such rule or schema file `missing.yaml`",
            "r.yaml:7:16: error: `$ref` \"common.yaml#/$defs/x\" resolves nowhere: `$defs` has no member `x` in `common.yaml`",
            "r.yaml:8:16: error: `$ref` \"#anchor\" resolves nowhere: no `$anchor: anchor` in `r.yaml`",
            "r.yaml:9:16: error: `$ref` \"https://example.com/s.json\": remote references are not supported; refer to a file in the rules folder",
        ])
    }

    @Test func referenceOutsideTheSource() {
        #expect(errors("id: x\nbody: { $ref: ../outside.yaml }\n", others: ["outside.yaml": "true"]) == [
            "r.yaml:2:15: error: `$ref` \"../outside.yaml\" refers outside the rules folder"
        ])
    }

    @Test func recursionThroughAContainerIsFine() throws {
        let doc = try #require(document("""
            id: tree
            $defs:
              node:
                type: object
                properties:
                  children: { type: array, items: { $ref: "#/$defs/node" } }
            body: { $ref: "#/$defs/node" }
            """))
        let root = node(doc, doc.body).ref?.value
        let children = property(doc, node(doc, root), "children")
        #expect(node(doc, children.items?.value).ref?.value == root)
        let whole = try #require(document("id: r\nbody: { properties: { next: { $ref: '#/body' } } }\n"))
        #expect(property(whole, node(whole, whole.body), "next").ref?.value == whole.body)
    }

    @Test func recursionWithoutAContainerIsAnError() {
        #expect(errors("""
            id: loop
            $defs:
              a: { $ref: "#/$defs/b" }
              b: { allOf: [ { $ref: "#/$defs/a" } ] }
            body: { $ref: "#/$defs/a" }
            """) == [
            "r.yaml:3:8: error: recursion with no object or array keyword in between would never end: #/$defs/a → #/$defs/b → #/$defs/b/allOf/0 → #/$defs/a"
        ])
        #expect(errors("id: self\nbody: { anyOf: [ { $ref: '#/body' } ] }\n") == [
            "r.yaml:2:20: error: recursion with no object or array keyword in between would never end: #/body → #/body/anyOf/0 → #/body"
        ])
    }

    // MARK: Long forms and parameters

    @Test func longFormOverrides() throws {
        let doc = try #require(document("""
            id: x
            limits: { maxBytes: { value: 1000, severity: warning } }
            body:
              additionalProperties: { value: false, severity: warning, message: "ignored by the API" }
              properties:
                name:
                  maxLength: { value: 64, severity: warning, message: "PubNub truncates at 64" }
                  minLength: 1
            """))
        #expect(doc.limits.maxBytes?.value == 1000)
        #expect(doc.limits.maxBytes?.severity == .warning)
        let body = node(doc, doc.body)
        #expect(body.additionalProperties?.severity == .warning)
        #expect(body.additionalProperties?.message == "ignored by the API")
        #expect(node(doc, body.additionalProperties?.value).boolean == false)
        let name = property(doc, body, "name")
        let maxLength = try #require(name.maxLength)
        #expect(maxLength.value == 64)
        #expect(maxLength.severity == .warning)
        #expect(maxLength.message == "PubNub truncates at 64")
        #expect(maxLength.location.line == 7)
        #expect(maxLength.location.column == 7)
        #expect(name.minLength?.severity == nil)
        #expect(errors("id: x\nbody: { maxLength: { value: 3, severty: warning } }\n") == [
            "r.yaml:2:32: error: unknown key in the long form of `maxLength` `severty`; did you mean `severity`?"
        ])
    }

    @Test func parameterRequiredFlagVersusBodyRequired() throws {
        let doc = try #require(document("""
            id: x
            parameters:
              path: { uuid: { type: string, maxLength: 64 } }
              query:
                include: { type: array, items: { enum: [custom, type] } }
                signature: { type: string, required: true }
                timestamp: { type: integer }
              header: { Content-Type: { mediaType: application/json, required: false } }
            parameterRules:
              dependentRequired: { query.signature: [query.timestamp] }
            body: { type: object, required: [name, email] }
            """))
        let params = doc.parameters.map { "\($0.qualifiedName)=\($0.required)" }
        #expect(params == ["path.uuid=true", "query.include=false", "query.signature=true",
                           "query.timestamp=false", "header.Content-Type=false"])
        #expect(node(doc, doc.parameters[2].schema).required == nil)
        #expect(doc.parameters[0].location.keywordPath == "parameters/path/uuid")
        #expect(doc.parameterDependencies?.value.first?.name == "query.signature")
        #expect(doc.parameterDependencies?.value.first?.requires == ["query.timestamp"])
        #expect(node(doc, doc.body).required?.value == ["name", "email"])
        #expect(errors("id: x\nparameters: { query: { q: { required: [a] } } }\nbody: { required: true }\n") == [
            "r.yaml:2:39: error: in a parameter schema, `required` is the parameter's flag: true or false, found an array",
            "r.yaml:3:19: error: `required: true/false` is for parameters; in a schema, `required` lists member names",
        ])
    }

    @Test func examples() throws {
        let doc = try #require(document("""
            id: x
            body: { maxLength: 3 }
            examples:
              valid:
                - { name: short, body: "ab", params: { path.uuid: u-1, query.limit: 10 } }
              invalid:
                - name: long
                  body: "abcd"
                  previous: "abc"
                  expect: [{ code: too_long, pointer: "", in: body, severity: error }]
            """))
        #expect(doc.examples.count == 2)
        #expect(doc.examples[0].isValid)
        #expect(doc.examples[0].body == .string("ab"))
        #expect(doc.examples[0].parameters == ["path.uuid": "u-1", "query.limit": "10"])
        #expect(doc.examples[1].expect == [ExpectedFinding(code: .tooLong, pointer: "", source: .body, severity: .error)])
        #expect(doc.examples[1].previous == .string("abc"))
        #expect(doc.examples[1].location.keywordPath == "examples/invalid/0")
        #expect(errors("""
            id: x
            examples:
              valid: [{ body: 1, expect: [{code: too_long, pointer: ""}] }]
              invalid: [{ body: 1 }]
            """) == [
            "r.yaml:3:22: error: a valid example has no `expect`; move it to `invalid`",
            "r.yaml:4:13: error: an invalid example needs `expect: [{code, pointer}]`",
        ])
    }

    // MARK: Hostile input

    @Test(.timeLimit(.minutes(1))) func aliasBombFailsQuickly() {
        var text = "id: bomb\nlol0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...12 {
            let refs = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
            text += "lol\(level): &a\(level) [\(refs)]\n"
        }
        text += "body: { enum: *a12 }\n"
        let start = ContinuousClock.now
        let found = errors(text)
        #expect(ContinuousClock.now - start < .seconds(10))
        #expect(found.count == 1)
        #expect(found.first?.contains("more than 200000 YAML nodes after expanding aliases") == true)
    }

    @Test(.timeLimit(.minutes(1))) func aliasBombInAKeyFailsQuickly() {
        var text = "id: bomb\nlol0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...8 {
            text += "lol\(level): &a\(level) [\(Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", "))]\n"
        }
        #expect(errors(text + "body: { ? *a8 : 1, ? *a8 : 2 }\n") == [
            "r.yaml:11:9: error: `?` complex keys and aliases used as keys are not supported in rule files (with anchors, they can expand exponentially)"
        ])
        #expect(errors(text + "body: { *a8 : 1 }\n").first?.hasPrefix("r.yaml:11:9: error: `?` complex keys") == true)
    }

    @Test func anchorsAndAliasesAsValuesWork() throws {
        let doc = try #require(document("""
            id: reuse
            $defs:
              name: &name { type: string, maxLength: 64 }   # "quoted" ? text: *not-a-key
            body:
              properties:
                first: *name
                last: *name
            """))
        let body = node(doc, doc.body)
        #expect(property(doc, body, "first").maxLength?.value == 64)
        #expect(property(doc, body, "last").maxLength?.location.line == 3)
    }

    @Test func tenThousandDeepSchemaIsAnErrorNotACrash() {
        let depth = 10_000
        let block = "id: deep\nbody: " + String(repeating: "{not: ", count: depth) + "true" + String(repeating: "}", count: depth) + "\n"
        #expect(errors(block) == ["r.yaml:2:5995: error: nesting deeper than 1000 levels"])
        let json = "{\"id\": \"deep\", \"body\": " + String(repeating: "{\"properties\": {\"a\": ", count: depth)
            + "true" + String(repeating: "}}", count: depth) + "}"
        #expect(errors(json, file: "r.json") == ["r.json:1:10503: error: nesting deeper than 1000 levels"])
        var indented = "id: deep\nbody:\n"
        var indent = "  "
        for _ in 0..<2000 {
            indented += indent + "not:\n"
            indent += " "
        }
        #expect(errors(indented + indent + "type: string\n") == ["r.yaml:1001:1001: error: nesting deeper than 1000 levels"])
        // Just under the limit loads (on the loader's own large stack).
        let deepest = "id: deep\nbody: " + String(repeating: "{not: ", count: 990) + "true" + String(repeating: "}", count: 990)
        #expect(document(deepest)?.nodes.count == 991)
    }

    @Test func oversizedFileIsRefused() {
        let big = "id: big\ndescription: \"" + String(repeating: "x", count: 10 * 1024 * 1024) + "\"\n"
        #expect(errors(big).first?.contains("file is larger than 10485760 bytes") == true)
    }

    @Test func directorySourceRefusesPathsOutsideItsRoot() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("rule-loader-\(UUID().uuidString)")
        let rules = base.appendingPathComponent("rules")
        try FileManager.default.createDirectory(at: rules.appendingPathComponent("vendor"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: base) }
        try "true\n".write(to: base.appendingPathComponent("outside.yaml"), atomically: true, encoding: .utf8)
        try "type: string\n".write(to: rules.appendingPathComponent("vendor/common.yaml"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(
            at: rules.appendingPathComponent("link.yaml"), withDestinationURL: base.appendingPathComponent("outside.yaml"))
        try """
            id: dir
            body:
              properties:
                a: { $ref: common.yaml }
                b: { $ref: ../../outside.yaml }
                c: { $ref: ../link.yaml }
            """.write(to: rules.appendingPathComponent("vendor/r.yaml"), atomically: true, encoding: .utf8)

        let source = DirectoryRuleSource(root: rules.path)
        #expect(throws: RuleFileError.self) { try source.read("../outside.yaml") }
        do {
            _ = try source.read("../outside.yaml")
        } catch {
            #expect(error.message == "`\(rules.path)/../outside.yaml` refers outside the rules folder")
        }
        #expect(throws: RuleFileError.self) { try source.read("link.yaml") }
        #expect(try source.read("vendor/common.yaml") == "type: string\n")
        #expect(try source.list() == ["link.yaml", "vendor/common.yaml", "vendor/r.yaml"])

        let result = RuleLoader.load(from: source)
        #expect(result.documents.isEmpty)
        #expect(result.errors.map(\.description) == [
            "\(rules.path)/link.yaml: error: `\(rules.path)/link.yaml` refers outside the rules folder",
            "\(rules.path)/vendor/r.yaml:5:16: error: `$ref` \"../../outside.yaml\" refers outside the rules folder",
            "\(rules.path)/vendor/r.yaml:6:16: error: `$ref` \"../link.yaml\" refers outside the rules folder",
        ])
    }

    // MARK: JSON-Schema-Test-Suite

    /// Every 2020-12 test group's schema, as a plain schema document `$ref`ed by a rule file's body.
    /// Prints what loads and what fails with which error; fails only on a crash-like outcome
    /// (a group that neither loads nor reports an error).
    @Test func conformanceSuiteSchemasLoad() throws {
        let packageRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folder = packageRoot.deletingLastPathComponent()
            .appendingPathComponent("shared/conformance/JSON-Schema-Test-Suite/draft2020-12")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else {
            print("conformance: skipped, \(folder.path) is absent")
            return
        }
        var loaded = 0
        var failures: [String] = []
        var withID: [String] = []
        for name in names.filter({ $0.hasSuffix(".json") }).sorted() {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            guard case .array(let groups) = try RuleLoader.parseJSONValue(yaml: text, file: name) else {
                Issue.record("\(name): not an array of groups")
                continue
            }
            for (index, group) in groups.enumerated() {
                guard let schema = group["schema"] else { continue }
                let source = InMemoryRuleSource(files: [
                    "r.yaml": "{id: t, body: {$ref: \"schema.json\"}}",
                    "schema.json": schema.description,
                ])
                let result = RuleLoader.load(file: "r.yaml", from: source)
                let label = "\(name)[\(index)] \(group["description"]?.description ?? "")"
                if result.errors.isEmpty {
                    #expect(result.documents.count == 1, "\(label)")
                    loaded += 1
                    if schema.description.contains("\"$id\"") { withID.append(label) }
                } else {
                    failures.append("\(label): \(result.errors[0].message)")
                }
            }
        }
        print("conformance: \(loaded) of \(loaded + failures.count) draft2020-12 groups load; \(failures.count) fail:")
        for failure in failures { print("  " + failure) }
        print("conformance: \(withID.count) loaded groups contain `$id` (ignored: `$ref`s resolve against the file, not `$id`):")
        for label in withID { print("  " + label) }
        #expect(loaded > 0)
    }
}
