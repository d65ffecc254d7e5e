/// `iso3166-alpha2`: the officially assigned ISO 3166-1 alpha-2 country codes, uppercase
/// (exceptionally, transitionally or indeterminately reserved and user-assigned codes such as
/// `UK`, `EU`, `XK` are not accepted).
///
/// The 249 codes are those of tzdata 2025b's `iso3166.tab`, which mirrors ISO 3166-1.
enum CountryCodes {
    static let all: StaticString = """
        AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ
        BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM
        DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS
        GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN
        KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ
        MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM
        PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV
        SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI
        VN VU WF WS YE YT ZA ZM ZW
        """

    /// Bit `second` of row `first` (letters as 0–25) is set for an assigned code.
    private static let table: [UInt32] = {
        var rows = [UInt32](repeating: 0, count: 26)
        let p = all.utf8Start
        var i = 0
        let n = all.utf8CodeUnitCount
        while i + 1 < n {
            let a = p[i], b = p[i + 1]
            if a.isASCIIAlpha, b.isASCIIAlpha {
                rows[Int(a - UInt8(ascii: "A"))] |= 1 << UInt32(b - UInt8(ascii: "A"))
                i += 2
            } else {
                i += 1
            }
        }
        return rows
    }()

    static func isAssigned(_ b: UnsafeRawBufferPointer) -> Bool {
        guard b.count == 2 else { return false }
        let a = b[0] &- UInt8(ascii: "A"), c = b[1] &- UInt8(ascii: "A")
        guard a < 26, c < 26 else { return false }
        return table[Int(a)] & (1 << UInt32(c)) != 0
    }
}
