import Testing

@testable import PayloadLint

/// `catastrophicBacktrackingWarning`: nested and overlapping quantifiers.
@Suite struct WarningRegexTests {
    @Test(arguments: [
        "(a+)+", "(a*)*", "(\\w+\\s?)+", "^(\\w+\\s?)*$", "(a|aa)*", "(x+x+)+y", "((ab)*c?)+",
        "^data:image/(png|jpg|jpeg|gif);base64,([a-zA-Z0-9+/]+={0,2})+$", "(?:[a-z]+\\d*)+$",
        "(.*,)*x", "([a-z]+){2,100}",
    ])
    func warns(pattern: String) {
        let warning = catastrophicBacktrackingWarning(pattern)
        #expect(warning != nil, "\(pattern)")
        if pattern.hasPrefix("^data") { print("warning for the avatar pattern: \(warning ?? "-")") }
    }

    @Test(arguments: [
        "^[a-z]+$", "(ab)+", "^[A-Za-z][A-Za-z0-9_]*$", "([a-z]+\\.)+[a-z]+", "(?:[a-z]+-)*[a-z]+",
        "^(?:\\d{1,3}\\.){3}\\d{1,3}$", "(a+)?", "(a+){2}", "(?>a+)+", "(a++)+", "(a+)++",
        "^data:image/(?:png|jpg|jpeg|gif);base64,[a-zA-Z0-9+/]+(?:={1,2}[a-zA-Z0-9+/]+)*={0,2}$",
        "(?:\\r\\n|\\n)*", "^\\S+@\\S+\\.\\S+$", "([a-z", "",
    ])
    func doesNotWarn(pattern: String) {
        #expect(catastrophicBacktrackingWarning(pattern) == nil, "\(pattern)")
    }
}
