/// Takes a long run of file paths off the end of a `lint` command line before argument-parser
/// sees it, to be appended to the parsed `paths` afterwards.
///
/// Why: argument-parser copies the whole array of an array argument for each value it appends,
/// so a call with 500 files spent more on parsing its arguments (~100M instructions) than on
/// linting the files. The run is the longest suffix whose arguments do not start with `-`,
/// minus its first element, which stays for argument-parser: it is either the value of the
/// option before it or the first path, so no list of the options that take values is needed,
/// and the order of the paths is kept either way.
enum TrailingPaths {
    /// Below this many, the parser's cost does not matter and everything goes through it.
    static let threshold = 32

    static func split(_ arguments: inout [String]) -> [String] {
        guard arguments.first == "lint", arguments.count > threshold else { return [] }
        var start = arguments.count
        while start > 1 && !arguments[start - 1].hasPrefix("-") { start -= 1 }
        let keep = start + 1
        guard arguments.count - keep >= threshold else { return [] }
        let paths = Array(arguments[keep...])
        arguments.removeSubrange(keep...)
        return paths
    }
}
