import ArgumentParser
import PayloadLint

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain a diagnostic code: what it means, an example, how to fix it.",
        discussion: "With an unknown code (or none), lists every code and exits with 2."
    )

    @Argument(help: "A diagnostic code, e.g. too_long.")
    var code: String?

    func run() throws {
        if let code, let e = CodeExplanation.lookup(code) {
            print(e.text, terminator: "")
            return
        }
        if let code { Console.error("payloadlint: unknown diagnostic code \"\(code)\"") }
        let width = CodeExplanation.all.map(\.code.rawValue.count).max() ?? 0
        var list = "Diagnostic codes:\n"
        for e in CodeExplanation.all {
            list += "  " + e.code.rawValue.padding(width) + "  " + e.summary.firstSentence + "\n"
        }
        if code == nil { print(list, terminator: "") } else { Console.error(list) }
        throw ExitCode(2)
    }
}

extension String {
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }

    var firstSentence: String {
        guard let r = range(of: ": ") ?? range(of: ". ") else { return self }
        let s = String(self[..<r.lowerBound])
        return s.hasSuffix(".") ? s : s + "."
    }
}
