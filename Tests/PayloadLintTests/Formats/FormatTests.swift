import Testing
@testable import PayloadLint

/// Hand-written valid / invalid / edge cases for every `FormatName`.
@Suite struct FormatTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let format: FormatName
        let text: String
        let valid: Bool
        var testDescription: String { "\(format.rawValue) \(valid ? "accepts" : "rejects") \(text.debugDescription)" }
    }

    static func cases(_ format: FormatName, valid: [String], invalid: [String]) -> [Case] {
        valid.map { Case(format: format, text: $0, valid: true) } + invalid.map { Case(format: format, text: $0, valid: false) }
    }

    static let email = cases(.email, valid: [
        "user@example.com", "a@b", "first.last+tag@sub.example.co.uk", "!#$%&'*+-/=?^_`{|}~@example.com",
        "\"quoted\"@example.com", "\"\"@example.com", "\"a\\\"b\"@example.com", "\"a\\\\b\"@example.com",
        "\"tab\there\"@example.com", "user@[IPv6:2001:db8::1]", "user@[ipv6:::ffff:1.2.3.4]",
        "user@[192.168.0.1]", "user@xn--bcher-kva.example", "user@localhost",
        "jörg@example.com", "jörg@Bücher.DE", "用户@例子.广告", "अजय@डाटा.भारत", "\"jörg bloggs\"@bücher.de",
        "user@" + String(repeating: "a", count: 63) + ".com",
        String(repeating: "l", count: 100) + "@example.com",  // no local-part limit (RFC 5322)
    ], invalid: [
        "", "@", "user", "user@", "@example.com", "user@@example.com", "a@b@c",
        "user.@example.com", ".user@example.com", "us..er@example.com",
        "Joe <joe@example.com>", "joe@example.com (Joe)", "(comment)joe@example.com",
        "joe@example.com ", " joe@example.com", "joe @example.com", "joe@ example.com",
        "joe@example..com", "joe@.example.com", "joe@example.com.", "joe@-example.com", "joe@example-.com",
        "joe@exa_mple.com", "joe@[1.2.3]", "joe@[IPv6:1.2.3.4]", "joe@[IPv6:::1%eth0]", "joe@[::1]",
        "joe@[example.com]", "joe@[]", "\"unterminated@example.com", "\"a\"b@example.com",
        "\"a\rb\"@example.com", "\"a\nb\"@example.com", "a\u{0}b@example.com", "joe@xn--X.com",
        "joe@" + String(repeating: "a", count: 64) + ".com", "joe@ex\u{00A0}ample.com",
        "joe@EXAMPLE.com\u{212A}", "joe@exa\u{200B}mple.com", "joe@BÜCHER.de", "joe@\u{0301}x.com",
        "joe@a\u{00B7}b.com", "joe@" + String(repeating: "ü", count: 60) + ".com",
    ])

    static let uri = cases(.uri, valid: [
        "http://example.com", "https://user:pw@example.com:8080/p/a/t/h?query=1&b=2#frag",
        "urn:isbn:0451450523", "mailto:a@b.c", "file:///etc/hosts", "http://[::1]:80/", "http://[v7.fe80::1]/",
        "http://example.com:/", "foo:", "a+b-c.d:x", "http://%41%42/", "http://example.com/?#",
        "http://example.com/a?b?c/d", "tel:+1-816-555-1212", "data:,hello",
    ], invalid: [
        "", "example.com", "/path", "//example.com", "http://exa mple.com", "http://example.com/%zz",
        "http://example.com/%4", "http://[::1", "http://[::1]x/", "http://[fe80::1%25eth0]/",
        "http://[1.2.3.4]/", "http://ex[ample.com", "http://example.com#a#b", "http://example.com/ü",
        "1abc:def", ":nope", "http://example.com:80:90/", "http://a@b@c/", "http://[v.x]/", "http://[vz.x]/",
        "http://[v1.]/", "http://example.com/\\", "http://example.com/<>",
    ])

    static let uriReference = cases(.uriReference, valid: [
        "", "/", "//example.com", "abc", "./a:b", "../x?y#z", "#frag", "?q", "http://example.com",
        "//[::1]:8080/x", "a/b:c", "%20",
    ], invalid: [
        "a:b c", "abc def", ":abc", "a:b:c d", "//ex ample.com", "%2", "%GG", "\\", "ü", "#a#b",
        "//[::1", "[::1]",
    ])

    static let uuid = cases(.uuid, valid: [
        "123e4567-e89b-12d3-a456-426614174000", "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF",
    ], invalid: [
        "{123e4567-e89b-12d3-a456-426614174000}", "123e4567e89b12d3a456426614174000",
        "123e4567-e89b-12d3-a456-42661417400g", "123e4567-e89b-12d3-a456_426614174000", "",
        "g23e4567-e89b-12d3-a456-426614174000", "123e4567-e89b-12d3-a456-4266141740-0",
        "123e4567-e89b-12d3-a4560426614174000", "------------------------------------",
        "123e4567-e89b-12d3-a456-42661417400\u{7F}", "123e4567-e89b-12d3-a456-4266141740:0",
    ])

    static let dateTime = cases(.dateTime, valid: [
        "2024-02-29T12:00:00Z", "2023-06-07T05:39:56.961Z", "1997-07-21T00:00:00.000Z",
        "2016-12-31T23:59:60Z", "2017-01-01T00:59:60+01:00", "2016-12-31T20:29:60-03:30", "0000-01-01T00:00:00+23:59",
        "2024-01-01t00:00:00z",
    ], invalid: [
        "2023-02-29T12:00:00Z", "2024-01-01T12:00:00", "2024-01-01 12:00:00Z", "2024-01-01T12:00Z",
        "2024-01-01T12:00:00.Z", "2024-01-01T12:00:00+0100", "2024-01-01T12:00:00+24:00",
        "2024-01-01T23:59:60+01:00", "2024-01-01T12:00:00ZZ", "2024-01-01T",
    ])

    static let date = cases(.date, valid: ["2000-02-29", "1900-02-28", "9999-12-31", "0000-02-29"],
                            invalid: ["1900-02-29", "2024-1-01", "2024-01-01T00:00:00Z", "24-01-01"])

    static let time = cases(.time, valid: ["08:30:06Z", "23:59:60Z", "15:59:60-08:00", "00:00:00.5+05:30", "12:00:00z"],
                            invalid: ["08:30:06", "08:30Z", "24:00:00Z", "23:59:60+01:00", "12:00:00+5:00", "T12:00:00Z"])

    static let ipv4 = cases(.ipv4, valid: ["1.2.3.4", "0.0.0.0", "255.255.255.255", "10.0.0.10"],
                            invalid: ["01.2.3.4", "1.2.3.04", "1.2.3", "1.2.3.4.", "1.2.3.256", "1234.1.1.1", "1.2.3.4/8", "a.b.c.d"])

    static let ipv6 = cases(.ipv6, valid: [
        "::", "::1", "1::", "1:2:3:4:5:6:7:8", "2001:db8::ff00:42:8329", "::ffff:192.0.2.128",
        "1:2:3:4:5:6:1.2.3.4", "1::1.2.3.4", "FE80::0202:B3FF:FE1E:8329", "1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8",
    ], invalid: [
        "", ":", ":::", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "1::2::3", "12345::", "::ffff:01.2.3.4",
        "1:2:3:4:5:6:7:1.2.3.4", "::1.2.3", "1:", ":1", "1:2:3:4:5:6:7:8::", "fe80::1%eth0", "[::1]",
        "::g", "1.2.3.4::", "::1.2.3.4:5", "1:2:3:4:5:6:7::8",
    ])

    static let hostname = cases(.hostname, valid: [
        "a", "localhost", "EXAMPLE.COM", "123", "a-b.c-d", "xn--bcher-kva.example", "XN--BCHER-KVA.example",
        "xn--BCHER-kva.example",
        "ab--cd.example", String(repeating: "a", count: 63),
        [String](repeating: String(repeating: "a", count: 63), count: 3).joined(separator: ".") + "." + String(repeating: "b", count: 61),
    ], invalid: [
        "", ".", "a..b", "a.", ".a", "-a", "a-", "a_b", "a b", "bücher.example", "xn--", "xn--abc-",
        "xn--a-", "xn---abc", "xn--bcher-kva-", "xn--bcher-kv",
        [String](repeating: String(repeating: "a", count: 63), count: 3).joined(separator: ".") + "." + String(repeating: "b", count: 62),
        String(repeating: "a", count: 64),
    ])

    static let imageDataURI = cases(.imageDataURI, valid: [
        "data:image/png;base64,iVBORw0KGgo=", "data:image/jpeg;base64,/9j/4AAQ", "data:image/gif;base64,R0lGODlhAQ==",
        "data:image/jpg;base64,QUJD",
    ], invalid: [
        "data:image/png;base64,", "data:image/png;base64,QUJ", "data:image/png;base64,QU=D",
        "data:image/png;base64,Q===", "data:image/png;base64,QUJD\n", "data:image/svg;base64,QUJD",
        "data:image/PNG;base64,QUJD", "data:image/png,QUJD", "DATA:image/png;base64,QUJD",
        "data:image/png;base64,QU JD", "data:image/png;base64,QUJD====", "data:image/png;base64,QUJD-_==",
        "data:image/png;base64,QUJDQUJDQUJDQUJDQUJDQUJ!",
    ])

    static let countryCode = cases(.countryCode, valid: ["DE", "US", "GB", "AQ", "SS", "BQ", "ZW", "AX"],
                                   invalid: ["", "de", "De", "UK", "EU", "XK", "ZZ", "AN", "DEU", "D", "276"])

    static let languageTag = cases(.languageTag, valid: [
        "de", "de-DE", "en-US", "zh-Hant-TW", "sr-Latn-RS", "es-419", "de-CH-1901", "sl-rozaj-biske",
        "zh-yue-HK", "en-a-bbb-x-a-ccc", "x-whatever", "qaa-Qaaa-QM-x-southern", "en-US-u-islamcal",
        "i-klingon", "I-DEFAULT", "Sgn-BE-FR", "cel-gaulish", "ART-lojban", "zh-xiang", "no-bok",
        "EN-gb-OED", "zh-min-nan", "hy-Latn-IT-arevela", "de-CH-x-phonebk", "az-Arab-x-AZE-derbend",
        "ar-afb-Arab", "abcdefgh", "DE-de", "aB",
    ], invalid: [
        "", "-", "e", "de-", "-de", "de--DE", "de_DE", "123", "en-US-", "x", "en-x", "en-a", "en-a-x-b",
        "abcdefghi", "de-DE-1", "a-DE", "zh-Hant-Latn", "en-a-b", "ar-a-aaa-b-bbb-c", "en-US-GB", "de-1996-a",
        "i-notatag", "en-GB-oed-x", "éé", "d1-DE", "1e-DE", "de-D1", "de-1E", "de-D_", "d_-DE", "e1", "1e", "d-",
        "-d", "dé", "dé-D",
    ])

    static let timeZone = cases(.timeZone, valid: [
        "Europe/Berlin", "America/Argentina/Buenos_Aires", "UTC", "Etc/GMT+5", "Etc/UTC", "America/Indiana/Indianapolis",
        "Asia/Kolkata", "Asia/Calcutta", "US/Pacific", "GMT", "Africa/Abidjan", "Zulu",
    ], invalid: [
        "", "europe/berlin", "Europe/Berlin ", "Europe", "Europe/", "Mars/Olympus_Mons", "Factory", "posixrules",
        "posix/Europe/Berlin", "right/UTC", "zone.tab", "+05:00", "Etc/GMT+15",
    ])

    static let all = email + uri + uriReference + uuid + dateTime + date + time + ipv4 + ipv6 + hostname
        + imageDataURI + countryCode + languageTag + timeZone

    @Test(arguments: all)
    func hand(_ c: Case) {
        #expect(FormatChecker.check(c.format, c.text) == c.valid)
    }

    @Test func idnEmailMatchesEmail() {
        for c in Self.email {
            #expect(FormatChecker.check(.idnEmail, c.text) == c.valid, "\(c.text.debugDescription)")
        }
    }

    @Test func everyFormatHasADescription() {
        for f in FormatName.allCases {
            #expect(!FormatChecker.describe(f).isEmpty)
        }
        #expect(FormatChecker.describe(.email) == "an RFC 5322 email address (addr-spec)")
        #expect(FormatName(rawValue: "iso3166-alpha2") == .countryCode)
        #expect(FormatName(rawValue: "iana-time-zone") == .timeZone)
    }

    @Test func bufferAndStringAgree() {
        for c in Self.all {
            var s = c.text
            let viaBuffer = s.withUTF8 { FormatChecker.check(c.format, UnsafeRawBufferPointer($0)) }
            #expect(viaBuffer == FormatChecker.check(c.format, c.text))
        }
    }

    @Test func illFormedUTF8IsRejected() {
        let bad: [[UInt8]] = [
            Array("jo".utf8) + [0xC3] + Array("@example.com".utf8),          // truncated
            Array("jo".utf8) + [0xC0, 0xAF] + Array("@example.com".utf8),    // overlong
            Array("jo".utf8) + [0xED, 0xA0, 0x80] + Array("@example.com".utf8),  // surrogate
            Array("jo@ex".utf8) + [0xFF] + Array(".com".utf8),
        ]
        for bytes in bad {
            bytes.withUnsafeBytes { #expect(!FormatChecker.check(.email, $0)) }
        }
    }

    @Test func countryTableHas249Codes() {
        var n = 0
        for a in UInt8(ascii: "A")...UInt8(ascii: "Z") {
            for b in UInt8(ascii: "A")...UInt8(ascii: "Z") where [a, b].withUnsafeBytes({ FormatChecker.check(.countryCode, $0) }) {
                n += 1
            }
        }
        #expect(n == 249)
    }

    @Test func timeZoneTableIsSortedAndUnique() {
        let names = TimeZoneNames.sorted.map { $0.description }
        #expect(names.count > 500)
        for k in 1..<names.count {
            #expect(Array(names[k - 1].utf8).lexicographicallyPrecedes(Array(names[k].utf8)))
        }
        for name in names { #expect(FormatChecker.check(.timeZone, name)) }
        // Near misses of every name: its last byte changed, one byte more, one byte less (the
        // table is probed by a hash of the first, middle and last eight bytes and the length).
        let known = Set(names)
        for name in names {
            for variant in [String(name.dropLast()) + "~", name + "~", String(name.dropLast()), "~" + name.dropFirst()]
            where !known.contains(variant) {
                #expect(!FormatChecker.check(.timeZone, variant), "\(variant)")
            }
        }
    }

    @Test func unicodeTablesAreSorted() {
        for table in [IDNA.dualJoining, IDNA.rightJoining, IDNA.leftJoining, IDNA.greek, IDNA.hebrew,
                      IDNA.hiragana, IDNA.katakana, IDNA.han] {
            for k in 1..<table.count { #expect(table[k - 1].upperBound < table[k].lowerBound) }
        }
    }

    @Test func punycodeRoundTrip() {
        // RFC 3492 §7.1 samples (lowercased).
        let samples: [(String, String)] = [
            ("ليهمابتكلموشعربي؟", "egbpdaj6bu4bxfgehfvwxn"),
            ("他们为什么不说中文", "ihqwcrb4cv8a8dqg056pqjye"),
            ("Pročprostěnemluvíčesky", "Proprostnemluvesky-uyb24dma41a"),
            ("bücher", "bcher-kva"),
        ]
        for (unicode, ascii) in samples {
            let scalars = unicode.unicodeScalars.map(\.value)
            let encoded: String? = scalars.withUnsafeBufferPointer { u in
                withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { out in
                    IDNA.punycodeEncode(u, into: out).map { String(decoding: UnsafeBufferPointer(rebasing: out[0..<$0]), as: UTF8.self) }
                }
            }
            #expect(encoded == ascii)
            let decoded: [UInt32]? = Array(ascii.utf8).withUnsafeBytes { b in
                withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { out in
                    IDNA.punycodeDecode(b, 0, b.count, into: out).map { Array(out[0..<$0]) }
                }
            }
            #expect(decoded == scalars)
        }
    }

    @Test func frontierAvatarPatternEquivalent() {
        let prefix = "data:image/png;base64,"
        let accepted = ["QUJD", "QUJ", "Q", "QU=D", "QQ==QQ==", "a=b==c", "QUJD\n", "Q=="]
        let rejected = ["", "=", "=QUJD", "QU===D", "QUJD\n\n", "QU JD", "\nQUJD", "QUJ!"]
        for body in accepted {
            var s = prefix + body
            #expect(s.withUTF8 { DataURIFormat.matchesFrontierAvatarPattern(UnsafeRawBufferPointer($0)) }, "\(body.debugDescription)")
        }
        for body in rejected {
            var s = prefix + body
            #expect(!s.withUTF8 { DataURIFormat.matchesFrontierAvatarPattern(UnsafeRawBufferPointer($0)) }, "\(body.debugDescription)")
        }
        var s = prefix + "QUJD\n"
        #expect(!s.withUTF8 { DataURIFormat.matchesFrontierAvatarPattern(UnsafeRawBufferPointer($0), allowFinalNewline: false) })
    }

    @Test func largeInputsAreLinear() {
        // A 2 MB avatar body and a long near-miss: both must be decided without backtracking.
        let body = String(repeating: "QUJD", count: 500_000)
        #expect(FormatChecker.check(.imageDataURI, "data:image/png;base64," + body))
        #expect(!FormatChecker.check(.imageDataURI, "data:image/png;base64," + body + "QUJ!"))
        #expect(!FormatChecker.check(.uri, "http://example.com/" + String(repeating: "%4", count: 100_000)))
        #expect(!FormatChecker.check(.email, String(repeating: "a.", count: 100_000) + "@example.com"))
    }
}
