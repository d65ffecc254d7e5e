/// "Did you mean `maxLength`?": the known word within edit distance 2, or equal ignoring case.
enum KeywordSuggestion {
    static func closest(to word: String, in candidates: [String]) -> String? {
        let lower = word.lowercased()
        if let same = candidates.first(where: { $0.lowercased() == lower && $0 != word }) { return same }
        var best: (word: String, distance: Int)?
        let a = Array(word.unicodeScalars)
        // One- and two-letter words are "close" to everything short: no guess for them.
        let limit = a.count <= 2 ? 0 : 2
        guard limit > 0 else { return nil }
        for candidate in candidates where candidate != word {
            let d = distance(a, Array(candidate.unicodeScalars), limit: limit)
            if d <= limit, best.map({ d < $0.distance }) ?? true { best = (candidate, d) }
        }
        return best?.word
    }

    /// Levenshtein distance, giving up (returning `limit + 1`) once it must exceed `limit`.
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int {
        if abs(a.count - b.count) > limit { return limit + 1 }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMin = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                rowMin = min(rowMin, current[j])
            }
            if rowMin > limit { return limit + 1 }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
