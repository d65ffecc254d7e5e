import PayloadLint
print("payloadlint \(PayloadLintVersion.current)")
