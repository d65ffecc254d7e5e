import Testing
@testable import PayloadLint

@Suite struct HashSet64Tests {
    /// Distinct counts through growth, after `removeAll` (a new generation: old entries are
    /// gone without clearing the table) and for hashes 0 and repeated values.
    @Test func countsDistinctHashesAcrossGenerations() {
        var set = HashSet64()
        var reference = Set<UInt64>()
        var x: UInt64 = 0x1234_5678
        for round in 0..<50 {
            set.removeAll()
            reference.removeAll()
            let n = round * 37 % 500 + 1
            for _ in 0..<n {
                x = x &* 6364136223846793005 &+ 1442695040888963407
                let h = round.isMultiple(of: 3) ? x % 64 : x  // small values repeat; 0 included
                set.insert(h)
                reference.insert(h)
            }
            #expect(set.count == reference.count, "round \(round)")
        }
        set.removeAll()
        #expect(set.count == 0)
        set.insert(0)
        set.insert(0)
        #expect(set.count == 1)
    }

    /// Nested sets open and close in stack order; a reopened set starts empty, keeps working past
    /// growth, and sets made before more were opened are still intact (moved, not copied).
    @Test func stackReusesSetsInOrder() {
        var stack = HashSet64Stack()
        for record in 0..<3 {
            stack.removeAll()
            var open: [Int] = []
            for depth in 0..<6 {
                let s = stack.push()
                #expect(s == depth)
                open.append(s)
                for v in 0..<UInt64(40 * (depth + 1)) { stack.insert(v &+ UInt64(record), into: s) }
                stack.insert(0 &+ UInt64(record), into: s)
            }
            for depth in (0..<6).reversed() {
                #expect(stack.count(of: open[depth]) == 40 * (depth + 1), "record \(record) depth \(depth)")
                stack.pop()
            }
            #expect(stack.inUse == 0)
        }
    }
}
