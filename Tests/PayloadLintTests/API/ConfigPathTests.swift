import Foundation
import Testing
@testable import PayloadLint

@Suite struct ConfigPathTests {
    /// `LintConfig.standardize` resolves paths lexically as `URL.standardizedFileURL` does.
    @Test func standardizeAgreesWithFoundation() {
        let paths = ["/", "/a", "/a/", "/a/b/c.json", "/a//b///c", "/a/./b/./c", "/a/b/../c", "/a/../../b", "/..",
                     "/a/b/..", "/a/b/../..", "/./a", "/a/.hidden/x", "/a/..b/c", "/a/b./c", "/é/ü/../ß.json",
                     "/work/main/Fixtures/pubnub/../pace/x.json", "/a/b/c/../../../../d"]
        for p in paths {
            #expect(LintConfig.standardize(p) == URL(fileURLWithPath: p).standardizedFileURL.path, "\(p)")
        }
    }

    @Test func relativePathsFromTheConfigFolder() {
        var config = LintConfig(directory: "/work/project")
        config.workingDirectory = "/work/project/sub"
        #expect(config.relativePath("x.json") == "sub/x.json")
        #expect(config.relativePath("../y.json") == "y.json")
        #expect(config.relativePath("/elsewhere/z.json") == "/elsewhere/z.json")
    }
}
