import PayloadLint

/// Starts reading the built-in rule document a `lint` command line names with `--document`
/// before argument-parser parses the line (`PayloadLinter.prefetchBuiltinRules`). (The lines
/// read without argument-parser, `LintSettings.parseCommon`, start it with their own document.)
///
/// Why: for one small file, parsing the command line and reading the rule file take about as
/// long each (some 1.5 ms); side by side on two cores, the second costs no wall time. This is a
/// guess from the raw arguments: the parsed options alone decide what is loaded and used, and a
/// wrong guess leaves an unused read behind.
enum RulePrefetch {
    static func start(for arguments: [String]) {
        guard arguments.first == "lint" else { return }
        var document: String?
        var i = 1
        while i < arguments.count {
            let a = arguments[i]
            if a == "--" { break }
            if a == "--document", i + 1 < arguments.count {
                document = arguments[i + 1]  // the last one given counts, as for the parser
                i += 2
                continue
            }
            if a.hasPrefix("--document=") { document = String(a.dropFirst("--document=".count)) }
            i += 1
        }
        if let document { PayloadLinter.prefetchBuiltinRules(documents: [document]) }
    }
}
