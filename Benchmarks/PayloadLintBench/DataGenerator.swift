import Foundation

/// Deterministic benchmark inputs (same bytes on every machine and run).
struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    mutating func pick<T>(_ xs: [T]) -> T { xs[below(xs.count)] }
}

enum DataGenerator {
    static let firstNames = ["Ada", "José", "Zoë", "Łukasz", "Søren", "Amélie", "Nguyễn", "山田", "Олег", "Μαρία",
                             "Chloé", "O'Brien", "Björk", "Ñandú", "李", "Renée", "Kai 😀", "François", "Dvořák", "Émile"]
    static let lastNames = ["Lovelace", "García", "Müller", "Kowalski", "Ørsted", "Dupont", "Tanaka", "Иванов", "Παπαδόπουλος",
                            "Smith \\\"Smitty\\\"", "O\\u2019Neil", "Brontë", "Nakamura", "Doe\\tJr.", "Černý", "Ångström"]
    static let plans = ["free", "pro", "enterprise", "trial"]
    static let statuses = ["active", "inactive", "suspended", "pending"]
    static let types = ["admin", "member", "guest", "bot"]
    static let cities = ["Zürich", "São Paulo", "Kraków", "Reykjavík", "Tōkyō", "Montréal", "Berlin", "Austin"]
    static let notes = [
        "line one\\nline two", "tab\\there", "quote \\\"inside\\\"", "path C:\\\\Users\\\\x", "url https:\\/\\/example.com\\/a",
        "emoji 🎉🚀", "caf\\u00e9 cr\\u00e8me", "plain text note", "\\ud83d\\ude00 escaped pair", "combining e\u{301}",
    ]

    /// One user-update payload shaped like one of the four APIs (PubNub, Fullstory, Frontier, PACE).
    static func payload(_ i: Int, _ r: inout SplitMix64) -> String {
        let first = r.pick(firstNames), last = r.pick(lastNames)
        let email = "user\(i)@example\(r.below(100)).com"
        switch i % 4 {
        case 0:  // PubNub — Set user metadata
            return """
            {"name":"\(first) \(last)","externalId":"ext-\(r.next() % 1_000_000_000)","profileUrl":"https://cdn.example.com/u/\(i).png",\
            "email":"\(email)","type":"\(r.pick(types))","status":"\(r.pick(statuses))",\
            "custom":{"tier":"\(r.pick(plans))","score":\(r.below(100_000)),"ratio":\(Double(r.below(1_000_000)) / 1000),"beta":\(r.below(2) == 0),"note":"\(r.pick(notes))","nickname":null}}
            """
        case 1:  // Fullstory — Update User (nested properties)
            return """
            {"uid":"fs-\(i)","display_name":"\(first) \(last)","email":"\(email)",\
            "properties":{"plan":"\(r.pick(plans))","seats":\(r.below(500)),"mrr":\(Double(r.below(10_000_000)) / 100),"signed_up":"2024-0\(1 + r.below(9))-1\(r.below(10))T12:00:00Z",\
            "tags":["\(r.pick(plans))","\(r.pick(types))","\(r.pick(cities))"],"flags":{"newsletter":\(r.below(2) == 0),"sso":true},\
            "company":{"name":"\(r.pick(lastNames)) GmbH","size":\(r.below(10_000)),"hq":{"city":"\(r.pick(cities))","lat":\(r.below(180) - 90).\(r.below(1_000_000)),"lng":-\(r.below(180)).\(r.below(1_000_000))}}},\
            "schema":{"properties":{"seats":"int","mrr":"real"}}}
            """
        case 2:  // Frontier — Update user
            return """
            {"name":"\(first.lowercased())-\(i)","email":"\(email)","title":"\(first) \(last)","avatar":"data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk\(r.below(1000))AAAAABJRU5ErkJggg==",\
            "metadata":{"department":"\(r.pick(types))","location":"\(r.pick(cities))","employee_id":\(r.below(1_000_000)),"manager":"\(r.pick(firstNames))","remote":\(r.below(2) == 1),"note":"\(r.pick(notes))"}}
            """
        default:  // PACE — Update user (JSON:API)
            return """
            {"data":{"type":"User","id":"\(String(r.next(), radix: 16))-\(i)","attributes":{"firstName":"\(first)","lastName":"\(last)","email":"\(email)",\
            "phoneNumber":"+49 30 \(r.below(10_000_000))","pictureUrl":"https://img.example.com/\(i).jpg","gender":"\(r.pick(["female", "male", "other"]))","birthDate":"19\(50 + r.below(50))-0\(1 + r.below(9))-2\(r.below(8))",\
            "address":{"country":"DE","locality":"\(r.pick(cities))","street":"Hauptstraße","houseNo":"\(1 + r.below(200))","additionalAddressLink":"","region":"BE","postalCode":"\(10000 + r.below(89999))"},\
            "locale":"de-DE","zoneInfo":"Europe/Berlin"}}}
            """
        }
    }

    /// Writes what `produce` appends (called with 0, 1, 2... until it returns false, then once
    /// with -1 to close the document) to `path` in 4 MiB batches.
    static func write(_ path: String, size: Int, _ produce: (inout String, inout SplitMix64, Int) -> Bool) throws {
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        guard let h = FileHandle(forWritingAtPath: path) else { throw CocoaError(.fileWriteUnknown) }
        defer { try? h.close() }
        var r = SplitMix64(state: 0x5EED)
        var batch = ""
        var i = 0
        while true {
            let more = produce(&batch, &r, i)
            i += 1
            if batch.utf8.count >= 4 << 20 {
                try h.write(contentsOf: Data(batch.utf8))
                batch = ""
            }
            if !more { break }
        }
        _ = produce(&batch, &r, -1)
        try h.write(contentsOf: Data(batch.utf8))
    }

    static func ndjson(_ path: String, size: Int) throws {
        var total = 0
        try write(path, size: size) { batch, r, i in
            if i < 0 { return false }
            let p = payload(i, &r)
            batch += p
            batch += "\n"
            total += p.utf8.count + 1
            return total < size
        }
    }

    static func array(_ path: String, size: Int) throws {
        var total = 0
        try write(path, size: size) { batch, r, i in
            if i < 0 { batch += "\n]\n"; return false }
            let p = payload(i, &r)
            batch += i == 0 ? "[\n" : ",\n"
            batch += p
            total += p.utf8.count + 2
            return total < size
        }
    }

    /// Long strings full of escapes and multibyte characters.
    static func longStrings(_ path: String, size: Int) throws {
        let pieces = ["Grüße aus Zürich ", "\\\"quoted\\\" ", "\\\\back\\\\slash ", "\\n", "\\t", "\\u00e9\\u00e8\\u00ea ", "日本語のテキスト ",
                      "😀🎉🚀 ", "\\ud83d\\ude00 ", "\\/path\\/to ", "plain ascii words here ", "e\u{301}a\u{300} ", "Ελληνικά ", "Кириллица "]
        var total = 0
        try write(path, size: size) { batch, r, i in
            if i < 0 { batch += "\n]}\n"; return false }
            var s = i == 0 ? "{\"documents\": [\n\"" : ",\n\""
            let length = 4096 + r.below(60_000)
            var n = 0
            while n < length {
                let p = r.pick(pieces)
                s += p
                n += p.utf8.count
            }
            s += "\""
            batch += s
            total += s.utf8.count
            return total < size
        }
    }
}
