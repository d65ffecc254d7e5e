/// `\p{…}` names as ECMA-262 spells them (exact, case-sensitive), mapped to PCRE2.
extension ECMARegexTranslator {
    /// The PCRE2 spelling of an ECMA-262 `\p{body}` / `\P{body}`, or nil if ECMA-262
    /// (or PCRE2) does not know it.
    ///
    /// - Parameters:
    ///   - body: The text between the braces, e.g. `Letter`, `gc=Lu`, `Script=Greek`.
    ///   - negated: `true` for `\P`.
    /// - Returns: e.g. `\p{L}`, `\P{sc:Greek}`, or nil.
    static func pcre2Property(_ body: String, negated: Bool) -> String? {
        let letter = negated ? "P" : "p"
        if let equals = body.firstIndex(of: "=") {
            let name = body[..<equals]
            let value = String(body[body.index(after: equals)...])
            switch name {
            case "General_Category", "gc":
                return generalCategories[value].map { "\\\(letter){\($0)}" }
            case "Script", "sc", "Script_Extensions", "scx":
                let isName = !value.isEmpty && value.unicodeScalars.allSatisfy {
                    $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_")
                }
                guard isName else { return nil }
                let key = name.hasPrefix("Script_") || name == "scx" ? "scx" : "sc"
                return "\\\(letter){\(key):\(value)}"
            default:
                return nil
            }
        }
        if let category = generalCategories[body] { return "\\\(letter){\(category)}" }
        if body == "Assigned" { return negated ? "\\p{Cn}" : "\\P{Cn}" }
        if let property = binaryProperties[body] { return "\\\(letter){\(property)}" }
        return nil
    }

    /// General_Category values and aliases (Unicode PropertyValueAliases.txt) -> PCRE2.
    static let generalCategories: [String: String] = {
        let rows: [(String, [String])] = [
            ("C", ["Other"]), ("Cc", ["Control", "cntrl"]), ("Cf", ["Format"]),
            ("Cn", ["Unassigned"]), ("Co", ["Private_Use"]), ("Cs", ["Surrogate"]),
            ("L", ["Letter"]), ("L&", ["LC", "Cased_Letter"]), ("Ll", ["Lowercase_Letter"]),
            ("Lm", ["Modifier_Letter"]), ("Lo", ["Other_Letter"]), ("Lt", ["Titlecase_Letter"]),
            ("Lu", ["Uppercase_Letter"]), ("M", ["Mark", "Combining_Mark"]),
            ("Mc", ["Spacing_Mark"]), ("Me", ["Enclosing_Mark"]), ("Mn", ["Nonspacing_Mark"]),
            ("N", ["Number"]), ("Nd", ["Decimal_Number", "digit"]), ("Nl", ["Letter_Number"]),
            ("No", ["Other_Number"]), ("P", ["Punctuation", "punct"]),
            ("Pc", ["Connector_Punctuation"]), ("Pd", ["Dash_Punctuation"]),
            ("Pe", ["Close_Punctuation"]), ("Pf", ["Final_Punctuation"]),
            ("Pi", ["Initial_Punctuation"]), ("Po", ["Other_Punctuation"]),
            ("Ps", ["Open_Punctuation"]), ("S", ["Symbol"]), ("Sc", ["Currency_Symbol"]),
            ("Sk", ["Modifier_Symbol"]), ("Sm", ["Math_Symbol"]), ("So", ["Other_Symbol"]),
            ("Z", ["Separator"]), ("Zl", ["Line_Separator"]), ("Zp", ["Paragraph_Separator"]),
            ("Zs", ["Space_Separator"]),
        ]
        var table: [String: String] = [:]
        for (pcre2, aliases) in rows {
            if pcre2 != "L&" { table[pcre2] = pcre2 }
            for alias in aliases { table[alias] = pcre2 }
        }
        return table
    }()

    /// ECMA-262 binary properties (table-binary-unicode-properties) -> PCRE2 name.
    /// `Assigned` is handled as `\P{Cn}`; `Changes_When_NFKC_Casefolded` is absent
    /// because PCRE2 10.42 does not support it.
    static let binaryProperties: [String: String] = {
        let rows: [(String, String?)] = [
            ("ASCII", nil), ("ASCII_Hex_Digit", "AHex"), ("Alphabetic", "Alpha"), ("Any", nil),
            ("Bidi_Control", "Bidi_C"), ("Bidi_Mirrored", "Bidi_M"), ("Case_Ignorable", "CI"),
            ("Cased", nil), ("Changes_When_Casefolded", "CWCF"), ("Changes_When_Casemapped", "CWCM"),
            ("Changes_When_Lowercased", "CWL"), ("Changes_When_Titlecased", "CWT"),
            ("Changes_When_Uppercased", "CWU"), ("Dash", nil), ("Default_Ignorable_Code_Point", "DI"),
            ("Deprecated", "Dep"), ("Diacritic", "Dia"), ("Emoji", nil), ("Emoji_Component", "EComp"),
            ("Emoji_Modifier", "EMod"), ("Emoji_Modifier_Base", "EBase"),
            ("Emoji_Presentation", "EPres"), ("Extended_Pictographic", "ExtPict"),
            ("Extender", "Ext"), ("Grapheme_Base", "Gr_Base"), ("Grapheme_Extend", "Gr_Ext"),
            ("Hex_Digit", "Hex"), ("IDS_Binary_Operator", "IDSB"), ("IDS_Trinary_Operator", "IDST"),
            ("ID_Continue", "IDC"), ("ID_Start", "IDS"), ("Ideographic", "Ideo"),
            ("Join_Control", "Join_C"), ("Logical_Order_Exception", "LOE"), ("Lowercase", "Lower"),
            ("Math", nil), ("Noncharacter_Code_Point", "NChar"), ("Pattern_Syntax", "Pat_Syn"),
            ("Pattern_White_Space", "Pat_WS"), ("Quotation_Mark", "QMark"), ("Radical", nil),
            ("Regional_Indicator", "RI"), ("Sentence_Terminal", "STerm"), ("Soft_Dotted", "SD"),
            ("Terminal_Punctuation", "Term"), ("Unified_Ideograph", "UIdeo"),
            ("Uppercase", "Upper"), ("Variation_Selector", "VS"), ("White_Space", "space"),
            ("XID_Continue", "XIDC"), ("XID_Start", "XIDS"),
        ]
        var table: [String: String] = [:]
        for (name, alias) in rows {
            table[name] = name
            if let alias { table[alias] = name }
        }
        return table
    }()
}
