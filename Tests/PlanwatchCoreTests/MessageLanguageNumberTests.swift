import PlanwatchCore
import Testing

/// `text` with every space made a no-break space (U+00A0), as Swedish numbers group thousands.
private func noBreak(_ text: String) -> String {
    String(text.map { $0 == " " ? "\u{00A0}" : $0 })
}

@Suite struct MessageLanguageNumberTests {
    @Test(arguments: [(23.4, "23,4"), (1132, "1 132"), (1234567.89, "1 234 567,89"), (1e9, "1 000 000 000"),
                      (0, "0"), (999, "999"), (1000, "1 000"), (100_000, "100 000"), (-3.5, "-3,5"),
                      (-1234.5, "-1 234,5"), (0.75, "0,75")])
    func swedishNumbersHaveADecimalCommaAndNoBreakSpacesBetweenThousands(value: Double, expected: String) {
        #expect(MessageLanguage.swedish.number(value) == noBreak(expected))
    }

    @Test(arguments: [(23.4, "23.4"), (1132, "1,132"), (1234567.89, "1,234,567.89"), (1e9, "1,000,000,000"),
                      (0, "0"), (999, "999"), (-3.5, "-3.5"), (-1234.5, "-1,234.5"), (0.75, "0.75")])
    func englishNumbersHaveADecimalPointAndCommasBetweenThousands(value: Double, expected: String) {
        #expect(MessageLanguage.english.number(value) == expected)
    }

    @Test func swedishThousandsAreSeparatedByANoBreakSpaceAndNothingElse() {
        let scalars = MessageLanguage.swedish.number(1132).unicodeScalars.map(\.value)
        #expect(scalars == [0x31, 0xA0, 0x31, 0x33, 0x32])
    }

    @Test(arguments: [(0.05, 1, "0,1"), (-0.05, 1, "-0,1"), (0.04, 1, "0"), (0.5, 0, "1"), (-0.5, 0, "-1"),
                      (2.5, 0, "3"), (-2.5, 0, "-3"), (0.125, 2, "0,13"), (1.005, 2, "1,01"), (2.675, 2, "2,68"),
                      (4.35, 1, "4,4"), (9.996, 2, "10"), (999.5, 0, "1 000"), (0.96, 1, "1"), (0.4, 0, "0"),
                      (1.5e-10, 10, "0,0000000002")])
    func numbersAreRoundedHalfAwayFromZeroOnTheDecimalAsWritten(value: Double, fractionDigits: Int, expected: String) {
        #expect(MessageLanguage.swedish.number(value, maximumFractionDigits: fractionDigits) == noBreak(expected))
    }

    @Test(arguments: [(2.50, "2,5"), (3.0, "3"), (1.10, "1,1"), (1.999, "2"), (12.3456, "12,35"), (100.0, "100")])
    func trailingZerosAreLeftOut(value: Double, expected: String) {
        #expect(MessageLanguage.swedish.number(value) == expected)
    }

    @Test(arguments: [-0.0, 0.0, -0.001, 0.004, -1e-300])
    func aValueThatRoundsToZeroIsZeroWithoutASign(value: Double) {
        for language in MessageLanguage.allCases {
            #expect(language.number(value) == "0")
        }
    }

    @Test(arguments: [(1e15, 2, "1 000 000 000 000 000"), (1e16, 2, "10 000 000 000 000 000"),
                      (1.2345e16, 2, "12 345 000 000 000 000"), (1e21, 0, "1 000 000 000 000 000 000 000"),
                      (1e-5, 5, "0,00001"), (1e-7, 2, "0"), (1.25e-7, 9, "0,000000125")])
    func numbersAreNeverWrittenWithAnExponent(value: Double, fractionDigits: Int, expected: String) {
        #expect(MessageLanguage.swedish.number(value, maximumFractionDigits: fractionDigits) == noBreak(expected))
    }

    @Test func theLargestDoubleIsWrittenInFullDigits() {
        let text = MessageLanguage.english.number(Double.greatestFiniteMagnitude)
        #expect(text.hasPrefix("179,769,313,486,231,570,000,"))
        #expect(text.filter(\.isNumber).count == 309)
        #expect(!text.contains("e"))
    }

    @Test func aNegativeNumberOfDecimalsCountsAsNone() {
        #expect(MessageLanguage.swedish.number(2.7, maximumFractionDigits: -1) == "3")
    }

    @Test func theDefaultIsTwoDecimalsForNumbersAndOneForPercentages() {
        #expect(MessageLanguage.english.number(1.23456) == "1.23")
        #expect(MessageLanguage.english.percent(1.23456) == "1.2%")
    }

    @Test(arguments: [Double.nan, .infinity, -.infinity, -Double.nan])
    func aValueThatIsNoNumberIsWrittenAsADashInEveryLanguage(value: Double) {
        for language in MessageLanguage.allCases {
            #expect(language.number(value) == "\u{2013}")
            #expect(language.percent(value) == "\u{2013}")
        }
    }

    @Test(arguments: [(0, "0", "0"), (7, "7", "7"), (1132, "1 132", "1,132"), (-1132, "-1 132", "-1,132"),
                      (Int.max, "9 223 372 036 854 775 807", "9,223,372,036,854,775,807"),
                      (Int.min, "-9 223 372 036 854 775 808", "-9,223,372,036,854,775,808")])
    func wholeNumbersAreGroupedByThousandsToTheirLimits(value: Int, swedish: String, english: String) {
        #expect(MessageLanguage.swedish.number(value) == noBreak(swedish))
        #expect(MessageLanguage.english.number(value) == english)
    }

    @Test(arguments: [(14.3, "14,3 %", "14.3%"), (14.35, "14,4 %", "14.4%"), (100, "100 %", "100%"), (0, "0 %", "0%"),
                      (-2.25, "-2,3 %", "-2.3%"), (1250.5, "1 250,5 %", "1,250.5%")])
    func swedishPercentagesHaveANoBreakSpaceBeforeTheSignAndEnglishNone(value: Double, swedish: String, english: String) {
        #expect(MessageLanguage.swedish.percent(value) == noBreak(swedish))
        #expect(MessageLanguage.english.percent(value) == english)
    }

    @Test func percentagesTakeTheNumberOfDecimalsAsked() {
        #expect(MessageLanguage.swedish.percent(14.286, maximumFractionDigits: 2) == "14,29\u{00A0}%")
        #expect(MessageLanguage.english.percent(14.286, maximumFractionDigits: 0) == "14%")
    }
}
