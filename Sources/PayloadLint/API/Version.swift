public enum PayloadLintVersion { public static let current = "0.1.0" }
