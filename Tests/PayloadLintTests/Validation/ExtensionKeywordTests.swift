import JSONStream
import Testing
import TestSupport
@testable import PayloadLint

/// payloadlint's keywords beyond JSON Schema, each with valid, invalid and edge cases.
@Suite struct ExtensionKeywordTests {
    /// Lints `body` against a rule file whose body schema is `schema` (YAML flow or block text).
    static func lint(_ schema: String, _ body: String, previous: String? = nil,
                     parameters: [String: String]? = nil, extra: String = "", now: Int = 1_700_000_000) throws -> [Diagnostic]
    {
        let source = InMemoryRuleSource(files: ["rule.yaml": "id: t\n\(extra)body: \(schema)\n"])
        let loaded = RuleLoader.load(from: source)
        guard let doc = loaded.documents.first, loaded.errors.isEmpty else {
            Issue.record("rule does not load: \(loaded.errors)")
            return []
        }
        let (rules, issues) = RuleCompiler.compile(doc)
        guard let rules else {
            Issue.record("rule does not compile: \(issues)")
            return []
        }
        var options = LintOptions()
        options.now = now
        return try PayloadLinter(compiled: [rules], options: options)
            .lint(body, document: "t", previous: previous, parameters: parameters).diagnostics
    }

    static func codes(_ d: [Diagnostic]) -> [String] { d.map { "\($0.code.rawValue) \($0.pointer)" } }

    @Test func bytesOfStringsAndOfContainers() throws {
        let s = "{properties: {a: {maxBytes: 4}, b: {maxBytes: 7}}}"
        #expect(try Self.codes(Self.lint(s, #"{"a": "éé"}"#)).isEmpty)              // 4 bytes
        #expect(try Self.codes(Self.lint(s, #"{"a": "ééa"}"#)) == ["too_many_bytes /a"])
        #expect(try Self.codes(Self.lint(s, #"{"a": "\u00e9\u00e9"}"#)).isEmpty)    // escapes: decoded bytes
        #expect(try Self.codes(Self.lint(s, #"{"b": {"x": 1}}"#)).isEmpty)           // {"x":1} is 7 bytes
        #expect(try Self.codes(Self.lint(s, #"{"b": { "x" :  12 }}"#)) == ["too_many_bytes /b"])  // compact: 8
        let min = try Self.lint("{properties: {a: {minBytes: 3}}}", #"{"a": "ab"}"#)
        #expect(Self.codes(min) == ["too_few_bytes /a"])
    }

    /// Strings checked against `enum`/`const` on their bytes (no value built) must get the
    /// verdicts of the full comparison: escaped spellings, canonically equivalent spellings,
    /// non-string members, and nodes with other whole-value keywords.
    @Test func enumAndConstOfStringsOnTheirBytes() throws {
        let s = #"{properties: {g: {enum: [male, "caf\u00e9", 3, null]}, t: {const: User}, u: {enum: [a, b], unique: s}}}"#
        #expect(try Self.codes(Self.lint(s, #"{"g": "male", "t": "User", "u": "a"}"#)).isEmpty)
        #expect(try Self.codes(Self.lint(s, #"{"g": "caf\u00e9"}"#)).isEmpty)   // escaped in the payload: decoded
        #expect(try Self.codes(Self.lint(s, "{\"g\": \"caf\u{E9}\"}")).isEmpty)     // precomposed
        #expect(try Self.codes(Self.lint(s, "{\"g\": \"cafe\u{301}\"}")) == ["enum_mismatch /g"])  // decomposed
        #expect(try Self.codes(Self.lint(s, #"{"g": "3"}"#)) == ["enum_mismatch /g"])
        #expect(try Self.codes(Self.lint(s, #"{"g": 3, "t": "user"}"#)) == ["enum_mismatch /t"])
        #expect(try Self.codes(Self.lint(s, #"{"t": "Use"}"#)) == ["enum_mismatch /t"])
        #expect(try Self.codes(Self.lint(s, #"{"u": "c"}"#)) == ["enum_mismatch /u"])
    }

    /// Member names checked against a `propertyNames` schema of sizes and a pattern are passed
    /// without instantiating it; every failure still gets the full check and its finding.
    @Test func propertyNamesBySizesAndPattern() throws {
        let defs = "$defs:\n  name: { pattern: \"^[a-z][a-z0-9_]*$\", maxLength: 6 }\n"
        let s = "{propertyNames: {$ref: \"#/$defs/name\"}}"
        #expect(try Self.codes(Self.lint(s, #"{"ab_1": 1, "x": 2}"#, extra: defs)).isEmpty)
        #expect(try Self.codes(Self.lint(s, #"{"a\u0062c": 1}"#, extra: defs)).isEmpty)   // escaped: decoded
        #expect(try Self.codes(Self.lint(s, #"{"Ab": 1}"#, extra: defs)) == ["invalid_property_name /Ab"])
        #expect(try Self.codes(Self.lint(s, #"{"abcdefg": 1}"#, extra: defs)) == ["invalid_property_name /abcdefg"])
        #expect(try Self.codes(Self.lint(s, #"{"a\u0042": 1}"#, extra: defs)) == ["invalid_property_name /aB"])
        // Keywords beyond sizes and pattern take the full path.
        let e = "{propertyNames: {pattern: \"^[a-z]+$\", enum: [ab, cd]}}"
        #expect(try Self.codes(Self.lint(e, #"{"ab": 1, "cd": 2}"#)).isEmpty)
        #expect(try Self.codes(Self.lint(e, #"{"ef": 1}"#)) == ["invalid_property_name /ef"])
        let t = "{propertyNames: {type: integer}}"
        #expect(try Self.codes(Self.lint(t, #"{"1": 1}"#)) == ["invalid_property_name /1"])
        let f = "{propertyNames: false}"
        #expect(try Self.codes(Self.lint(f, #"{"a": 1}"#)) == ["invalid_property_name /a"])
        #expect(try Self.codes(Self.lint(f, "{}")).isEmpty)
    }

    @Test func charactersAreCodePoints() throws {
        let s = "{properties: {a: {maxLength: 2}}}"
        #expect(try Self.codes(Self.lint(s, #"{"a": "😀😀"}"#)).isEmpty)
        #expect(try Self.codes(Self.lint(s, #"{"a": "e\u0301e\u0301"}"#)) == ["too_long /a"])  // 4 code points
        let d = try Self.lint("{properties: {name: {maxLength: 2048}}}", "{\"name\": \"\(String(repeating: "x", count: 2049))\"}")
        #expect(d.first?.message == "name is 2,049 characters long; at most 2,048 allowed")
        #expect(d.first?.limit == "2048" && d.first?.actual == "2049")
    }

    @Test func depthBelowANode() throws {
        let s = "{properties: {a: {maxDepth: 2}}}"
        #expect(try Self.codes(Self.lint(s, #"{"a": {"b": [1]}}"#)).isEmpty)
        #expect(try Self.codes(Self.lint(s, #"{"a": {"b": [[1]]}}"#)) == ["too_deep /a/b/0"])
        let doc = try Self.lint("{type: object}", "[[[1]]]", extra: "limits: {maxDepth: 2}\n")
        #expect(Self.codes(doc).contains("too_deep /0/0"))
    }

    @Test func keyPathLengthReportsTheFirstMemberOverTheLimit() throws {
        let s = "{properties: {p: {maxKeyPathLength: 5}}}"
        #expect(try Self.codes(Self.lint(s, #"{"p": {"ab": {"cd": 1}}}"#)).isEmpty)       // ab.cd = 5
        #expect(try Self.codes(Self.lint(s, #"{"p": {"ab": {"cde": {"f": 1}}}}"#)) == ["key_path_too_long /p/ab/cde"])
        let slash = try Self.lint("{properties: {p: {maxKeyPathLength: 5, keyPathSeparator: '::'}}}", #"{"p": {"ab": {"cd": 1}}}"#)
        #expect(Self.codes(slash) == ["key_path_too_long /p/ab/cd"])                        // ab::cd = 6
    }

    @Test func distinctPropertyPathsNestedIncluded() throws {
        let s = "{properties: {p: {maxPropertyPaths: 3}}}"
        #expect(try Self.codes(Self.lint(s, #"{"p": {"a": {"b": 1}, "c": 2}}"#)).isEmpty)   // a, a.b, c
        let d = try Self.lint(s, #"{"p": {"a": {"b": 1, "d": 3}, "c": 2}}"#)
        #expect(Self.codes(d) == ["too_many_properties /p"])
        #expect(d.first?.actual == "4")
    }

    /// Paths are told apart by a hash of their names, keyed per process: names built to share
    /// one hash under any other key (as a payload would have to be, not knowing the key) count as
    /// the different paths they are.
    @Test func propertyPathsCannotBeMergedByCraftedNames() throws {
        let known = NameHashKey(seed: 0xcbf2_9ce4_8422_2325, multiplier: 0x9E37_79B9_7F4A_7C15)
        let names = CollidingNames.make(count: 12, key: known)
        #expect(Set(names.map { n in n.withUnsafeBytes { JSONReader.nameHash($0, key: known) } }).count == 1)
        let members = names.map { CollidingNames.literal($0) + ": {\"x\": 1}" }.joined(separator: ", ")
        // 12 names and 12 paths below them: 24 distinct paths.
        let d = try Self.lint("{properties: {p: {maxPropertyPaths: 23}}}", #"{"p": {"# + members + "}}")
        #expect(Self.codes(d) == ["too_many_properties /p"])
        #expect(d.first?.actual == "24")
        #expect(try Self.lint("{properties: {p: {maxPropertyPaths: 24}}}", #"{"p": {"# + members + "}}").isEmpty)
    }

    @Test func notBlankUsesUnicodeWhiteSpace() throws {
        let s = "{properties: {n: {notBlank: true}}}"
        #expect(try Self.codes(Self.lint(s, #"{"n": " x "}"#)).isEmpty)
        #expect(try Self.codes(Self.lint(s, #"{"n": " \t\n"}"#)) == ["blank_value /n"])
        #expect(try Self.codes(Self.lint(s, #"{"n": "\u00a0\u3000"}"#)) == ["blank_value /n"])
        #expect(try Self.codes(Self.lint(s, #"{"n": ""}"#)) == ["blank_value /n"])
        // Escapes and non-ASCII characters around the first plain character (decided on the
        // source text) and without one (decoded).
        for notBlank in [#""\u00C9mile""#, #""Ünïcödé \u00e9""#, #""\u3000\n x""#, #""\u00e9""#, #""é""#, #""\\""#] {
            #expect(try Self.codes(Self.lint(s, #"{"n": "# + notBlank + "}")).isEmpty, "\(notBlank)")
        }
        for blank in [#""\u0020\u3000""#, #""\t \u00A0\r""#, "\"\u{3000}\\n\""] {
            #expect(try Self.codes(Self.lint(s, #"{"n": "# + blank + "}")) == ["blank_value /n"], "\(blank)")
        }
        func clearly(_ source: String) -> Bool { Array(source.utf8).withUnsafeBytes { StringContentCheck.clearlyNotBlank($0) } }
        #expect(clearly(#"\u00C9mile"#) && clearly("Ünï") && clearly(#"\n\u3000x"#))
        #expect(!clearly(#"\u00e9"#) && !clearly("é") && !clearly(#"\\"#) && !clearly(#" \t\u3000"#) && !clearly(""))
    }

    @Test func forbiddenSubstringsAndControls() throws {
        let s = #"{properties: {u: {forbidden: [",", "/"], forbidControl: true}}}"#
        #expect(try Self.codes(Self.lint(s, #"{"u": "user-1"}"#)).isEmpty)
        #expect(try Self.codes(Self.lint(s, #"{"u": "a/b"}"#)) == ["forbidden_character /u"])
        #expect(try Self.codes(Self.lint(s, #"{"u": "a\u0000b"}"#)) == ["forbidden_character /u"])
        #expect(try Self.codes(Self.lint(s, "{\"u\": \"a\u{7F}b\"}")) == ["forbidden_character /u"])  // DEL, raw
    }

    @Test func immutableAlwaysAndOnceSet() throws {
        let s = "{properties: {id: {immutable: always}, uid: {immutable: once-set}, o: {immutable: always}}}"
        #expect(try Self.codes(Self.lint(s, #"{"id": 1.0, "o": {"a": [1, 2]}}"#, previous: #"{"id": 1, "o": {"a": [1, 2]}}"#)).isEmpty)
        #expect(try Self.codes(Self.lint(s, #"{"id": 2}"#, previous: #"{"id": 1}"#)) == ["immutable_field /id"])
        #expect(try Self.codes(Self.lint(s, #"{"o": {"a": [2, 1]}}"#, previous: #"{"o": {"a": [1, 2]}}"#)) == ["immutable_field /o"])
        #expect(try Self.codes(Self.lint(s, #"{"uid": "b"}"#, previous: #"{"uid": ""}"#)).isEmpty)    // setting it first
        #expect(try Self.codes(Self.lint(s, #"{"uid": "b"}"#, previous: #"{}"#)).isEmpty)
        #expect(try Self.codes(Self.lint(s, #"{"uid": "b"}"#, previous: #"{"uid": "a"}"#)) == ["immutable_field /uid"])
        #expect(try Self.codes(Self.lint(s, #"{"uid": "b"}"#)).isEmpty)                              // no previous given
    }

    @Test func uniqueAcrossPayloadsAndKnownValues() throws {
        let source = InMemoryRuleSource(files: ["r.yaml": "id: t\nbody: {properties: {n: {unique: names, uniqueKnown: [root]}}}\n"])
        let doc = try #require(RuleLoader.load(from: source).documents.first)
        let linter = PayloadLinter(compiled: [try #require(RuleCompiler.compile(doc).rules)])
        let stream = try linter.makeStream(document: "t", ndjson: true)
        var reports = Array(#"{"n": "a"}"#.utf8 + [10] + #"{"n": "b"}"#.utf8 + [10] + #"{"n": "a"}"#.utf8 + [10] + #"{"n": "root"}"#.utf8)
            .withUnsafeBytes { stream.feed($0) }
        reports += stream.finish()
        var ledger = UniquenessLedger()
        for i in reports.indices { ledger.settle(&reports[i]) }
        #expect(reports.map { $0.diagnostics.map(\.code.rawValue) } == [[], [], ["not_unique"], ["not_unique"]])
    }

    /// A claim keeps its subject only when it is not the member name at the end of its pointer;
    /// the message must name the value the same way either way (escaped names, array items).
    @Test func notUniqueMessagesNameTheValue() throws {
        let rules = "id: t\nbody: {properties: {'a/b~c': {unique: s1}, list: {items: {unique: s2}}}}\n"
        let source = InMemoryRuleSource(files: ["r.yaml": rules])
        let doc = try #require(RuleLoader.load(from: source).documents.first)
        let linter = PayloadLinter(compiled: [try #require(RuleCompiler.compile(doc).rules)])
        let stream = try linter.makeStream(document: "t", file: "in.ndjson", ndjson: true)
        let input = #"{"a/b~c": "x", "list": ["p"]}"# + "\n" + #"{"a/b~c": "x", "list": ["q", "p"]}"# + "\n"
        var reports = Array(input.utf8).withUnsafeBytes { stream.feed($0) }
        reports += stream.finish()
        var ledger = UniquenessLedger()
        for i in reports.indices { ledger.settle(&reports[i]) }
        let messages = reports[1].diagnostics.map { "\($0.pointer) \($0.message)" }
        #expect(messages == [
            #"/a~1b~0c a/b~c "x" is already taken (unique within s1) (first used by in.ndjson:1 at /a~1b~0c)"#,
            #"/list/1 item 1 "p" is already taken (unique within s2) (first used by in.ndjson:1 at /list/0)"#,
        ])
    }

    @Test func equalsAParameter() throws {
        let s = "{properties: {id: {equals: path.userId}}}"
        #expect(try Self.codes(Self.lint(s, #"{"id": "u1"}"#, parameters: ["path.userId": "u1"])).isEmpty)
        #expect(try Self.codes(Self.lint(s, #"{"id": "u2"}"#, parameters: ["path.userId": "u1"])) == ["inconsistent_value /id"])
        #expect(try Self.codes(Self.lint(s, #"{"id": "u2"}"#)).isEmpty)   // parameter unknown: nothing to compare
    }

    @Test func unknownPropertiesAndOverrides() throws {
        let s = "{unknownProperties: warn, properties: {a: {}}, patternProperties: {'^x-': {}}}"
        let d = try Self.lint(s, #"{"a": 1, "x-y": 2, "b": 3}"#)
        #expect(Self.codes(d) == ["unknown_property /b"])
        #expect(d.first?.severity == .warning)
        let long = try Self.lint("{properties: {a: {maxLength: {value: 1, severity: info, message: 'a is {actual} long'}}}}", #"{"a": "xyz"}"#)
        #expect(long.first?.severity == .info && long.first?.message == "a is 3 long")
    }

    @Test func clearedIfAbsentIsInfo() throws {
        let d = try Self.lint("{clearedIfAbsent: [a, b], properties: {a: {}, b: {}}}", #"{"a": null}"#)
        #expect(Self.codes(d) == ["cleared_field /b"])
        #expect(d.first?.severity == .info)
    }

    /// `required` and `clearedIfAbsent` are tested as bits of the members seen; names past the
    /// 64th slot of a node take the general path.
    @Test func requiredAndClearedBeyondSixtyFourNames() throws {
        let names = (0..<70).map { "p\($0)" }
        let properties = names.map { "\($0): {}" }.joined(separator: ", ")
        let s = "{required: [p1, p69], clearedIfAbsent: [p2, p68], properties: {\(properties)}}"
        let all = "{" + names.map { "\"\($0)\": 0" }.joined(separator: ", ") + "}"
        #expect(try Self.codes(Self.lint(s, all)).isEmpty)
        let none = try Self.lint(s, "{}")
        #expect(Self.codes(none) == ["required_field /p1", "required_field /p69", "cleared_field /p2", "cleared_field /p68"])
        let some = try Self.lint(s, #"{"p1": 0, "p68": 0}"#)
        #expect(Self.codes(some) == ["required_field /p69", "cleared_field /p2"])
        // The same node with every listed name below the 64th slot: decided by the bits alone.
        let low = "{required: [p1, p60], clearedIfAbsent: [p2, p63], properties: {\(properties)}}"
        #expect(try Self.codes(Self.lint(low, all)).isEmpty)
        #expect(try Self.codes(Self.lint(low, #"{"p1": 0, "p63": 0, "p69": 0}"#)) == ["required_field /p60", "cleared_field /p2"])
    }

    /// Member names are found by hash, then compared as two words against the table's zero-padded
    /// copy (up to 16 bytes) or a word at a time (the last word masked): names of 1, 7, 8, 9, 16
    /// and 17 bytes, the same with their first or last byte changed, prefixes of each other, and
    /// escaped.
    @Test func memberNamesAroundWordLengths() throws {
        let shortRule = "{unknownProperties: error, properties: {a: {type: integer}, abcdefg: {type: integer}, \"b\\0\": {type: integer}}}"
        #expect(try Self.codes(Self.lint(shortRule, #"{"a": 1, "abcdefg": 1, "b\u0000": 1}"#)).isEmpty)
        #expect(try Self.codes(Self.lint(shortRule, #"{"b": 1, "abcdef": 1, "abcdefgh": 1, "Abcdefg": 1, "b\u0000\u0000": 1}"#))
                == ["unknown_property /b", "unknown_property /abcdef", "unknown_property /abcdefgh",
                    "unknown_property /Abcdefg", "unknown_property /b\u{0}\u{0}"])
        let names = ["abcdefgh", "abcdefghi", "abcdefghijklmnop", "abcdefghijklmnopq"]
        let s = "{unknownProperties: error, properties: {" + names.map { "\($0): {type: integer}" }.joined(separator: ", ") + "}}"
        let first = "{" + names.map { "\"X\($0.dropFirst())\": 1" }.joined(separator: ", ") + "}"
        #expect(try Self.codes(Self.lint(s, first))
                == ["unknown_property /Xbcdefgh", "unknown_property /Xbcdefghi", "unknown_property /Xbcdefghijklmnop",
                    "unknown_property /Xbcdefghijklmnopq"])
        let exact = "{" + names.map { "\"\($0)\": 1" }.joined(separator: ", ") + "}"
        #expect(try Self.codes(Self.lint(s, exact)).isEmpty)
        let escaped = #"{"abcdefg\u0068": 1, "\u0061bcdefghi": 1, "abcdefghijklmno\u0070": 1, "abcdefghijklmnop\u0071": 1}"#
        #expect(try Self.codes(Self.lint(s, escaped)).isEmpty)
        let changed = "{" + names.map { "\"\($0.dropLast())X\": 1" }.joined(separator: ", ") + "}"
        #expect(try Self.codes(Self.lint(s, changed))
                == ["unknown_property /abcdefgX", "unknown_property /abcdefghX", "unknown_property /abcdefghijklmnoX",
                    "unknown_property /abcdefghijklmnopX"])
        #expect(try Self.codes(Self.lint(s, #"{"abcdefgh": "x"}"#)) == ["type_mismatch /abcdefgh"])
        let padded: [UInt8] = Array("abcdefghijklmnopq".utf8) + [UInt8](repeating: 0, count: 8)
        let other: [UInt8] = Array("abcdefghijklmnopX".utf8) + [UInt8](repeating: 7, count: 8)
        padded.withUnsafeBytes { a in
            other.withUnsafeBytes { b in
                for n in 1...16 { #expect(HotNameTables.equalPadded(a.baseAddress!, b.baseAddress!, n), "\(n)") }
                #expect(!HotNameTables.equalPadded(a.baseAddress!, b.baseAddress!, 17))
            }
        }
    }

    /// `equals` and `immutable` compare with a parameter and a previous document; without them
    /// the value is not built, and with them every verdict stands.
    @Test func equalsAndImmutableWithAndWithoutTheirContext() throws {
        let s = "{properties: {id: {type: string, equals: path.id}, at: {type: string, immutable: always}}}"
        let body = #"{"id": "a-long-identifier-of-36-characters!", "at": "2021"}"#
        #expect(try Self.codes(Self.lint(s, body)).isEmpty)
        #expect(try Self.codes(Self.lint(s, body, parameters: ["path.id": "a-long-identifier-of-36-characters!"])).isEmpty)
        #expect(try Self.codes(Self.lint(s, body, parameters: ["path.id": "other"])) == ["inconsistent_value /id"])
        #expect(try Self.codes(Self.lint(s, body, parameters: ["query.x": "1"])).isEmpty)
        #expect(try Self.codes(Self.lint(s, body, previous: #"{"at": "2021"}"#)).isEmpty)
        #expect(try Self.codes(Self.lint(s, body, previous: #"{"at": "2020"}"#)) == ["immutable_field /at"])
    }

    /// The findings of `if`, `not` and `contains` branches are counted, not built: verdicts and
    /// what the report shows are those of the full evaluation, nested combinators included.
    @Test func countedBranchesKeepTheirVerdicts() throws {
        let cond = "{additionalProperties: {if: {type: string}, then: {enum: [a, b]}, else: {maxProperties: 1}}}"
        #expect(try Self.codes(Self.lint(cond, #"{"x": "a", "y": {"k": 1}}"#)).isEmpty)
        #expect(try Self.codes(Self.lint(cond, #"{"x": "c", "y": {"k": 1, "l": 2}}"#))
                == ["enum_mismatch /x", "too_many_properties /y"])
        // An `if` whose only failure is a warning passes (only errors decide a branch).
        let warn = "{properties: {x: {if: {maxLength: 1, severity: warning}, then: {const: ab}}}}"
        #expect(try Self.codes(Self.lint(warn, #"{"x": "ab"}"#)).isEmpty)
        #expect(try Self.codes(Self.lint(warn, #"{"x": "abc"}"#)) == ["enum_mismatch /x"])
        // `anyOf` inside an `if`: its best branch's errors are merged into the counted branch.
        let nested = "{properties: {x: {if: {anyOf: [{type: integer}, {type: string, maxLength: 1}]}, then: {maximum: 5}, else: {const: zz}}}}"
        #expect(try Self.codes(Self.lint(nested, #"{"x": 7}"#)) == ["out_of_range /x"])
        #expect(try Self.codes(Self.lint(nested, #"{"x": "q"}"#)).isEmpty)
        #expect(try Self.codes(Self.lint(nested, #"{"x": "qq"}"#)) == ["enum_mismatch /x"])
        let not = "{properties: {x: {not: {type: string, minLength: 2}}}}"
        #expect(try Self.codes(Self.lint(not, #"{"x": "a"}"#)).isEmpty)
        #expect(try Self.codes(Self.lint(not, #"{"x": "ab"}"#)) == ["schema_mismatch /x"])
        let contains = "{properties: {x: {contains: {type: string, maxLength: 1}, minContains: 2}}}"
        #expect(try Self.codes(Self.lint(contains, #"{"x": ["a", "bb", 3, "c"]}"#)).isEmpty)
        #expect(try Self.codes(Self.lint(contains, #"{"x": ["a", "bb", 3]}"#)) == ["contains_mismatch /x"])
    }

    @Test func parametersConvertLikeOpenAPI() throws {
        let extra = """
            parameters:
              path: { id: { type: integer, required: true } }
              query: { include: { type: array, items: { enum: [custom, type] } }, ts: { type: integer, maxClockSkew: 60 } }
              header: { Content-Type: { type: string, mediaType: application/vnd.api+json }, Accept: { type: string, accepts: application/vnd.api+json } }

            """
        let ok = try Self.lint("{}", "{}", parameters: ["path.id": "7", "query.include": "custom,type", "query.ts": "1700000030",
                                                      "header.content-type": "application/vnd.api+json; profile=x", "header.Accept": "*/*"], extra: extra)
        #expect(Self.codes(ok).isEmpty)
        let bad = try Self.lint("{}", "{}", parameters: ["path.id": "x", "query.include": "custom,status", "query.ts": "1699999000",
                                                       "header.Content-Type": "application/json", "header.Accept": "text/html"], extra: extra)
        #expect(Self.codes(bad) == ["type_mismatch /id", "enum_mismatch /include/1", "stale_timestamp /ts",
                                    "unsupported_media_type /Content-Type", "not_acceptable /Accept"])
        #expect(bad.map(\.source) == [.path, .query, .query, .header, .header])
        let missing = try Self.lint("{}", "{}", parameters: [:], extra: extra)
        #expect(Self.codes(missing) == ["required_field /id"])
    }

    @Test func exactNumbers() throws {
        let s = "{properties: {n: {maximum: 12345678901234567890, multipleOf: 0.01}, e: {enum: [1.0]}}}"
        #expect(try Self.codes(Self.lint(s, #"{"n": 12345678901234567890, "e": 1}"#)).isEmpty)
        #expect(try Self.codes(Self.lint(s, #"{"n": 12345678901234567891}"#)) == ["out_of_range /n"])
        #expect(try Self.codes(Self.lint(s, #"{"n": 0.125}"#)) == ["not_multiple /n"])
    }
}
