import PlanwatchOutput
import Testing

@Suite struct HeaderDecodingTests {
    func decode(_ text: String) -> String { HeaderDecoding.decodeEncodedWords(text) }

    @Test func qAndBWordsDecodeInTheirCharsets() {
        #expect(decode("=?iso-8859-1?q?SV:_P=E5minnelse?=") == "SV: Påminnelse")
        #expect(decode("=?UTF-8?B?w4VzYSDDlmJlcmc=?=") == "Åsa Öberg")
        #expect(decode("=?windows-1252?Q?=93Klart=94?=") == "“Klart”")
        #expect(decode("=?ISO-8859-15?Q?=A4?=") == "€")
        #expect(decode("=?us-ascii?Q?plain?=") == "plain")
    }

    @Test func whitespaceBetweenWordsIsDroppedButNotBetweenWordsAndText() {
        #expect(decode("=?utf-8?q?=C3=85rlig?=  \t =?utf-8?q?_uppf=C3=B6ljning?=") == "Årlig uppföljning")
        #expect(decode("Re: =?utf-8?q?=C3=85rlig?= uppf") == "Re: Årlig uppf")
    }

    @Test func aCharacterSplitAcrossTwoWordsSurvives() {
        #expect(decode("=?utf-8?b?w4U=?= =?utf-8?b?pQ==?=") == "Å\u{FFFD}")
        #expect(decode("=?utf-8?q?=C3?= =?utf-8?q?=85sa?=") == "Åsa")
    }

    @Test func toleratesWhatClientsGetWrong() {
        #expect(decode("=?utf-8*sv?Q?Hej?=") == "Hej")
        #expect(decode("=?UTF-8?b?w4VzYQ?=") == "Åsa")  // no padding
        #expect(decode("Re:=?utf-8?q?Klar?=") == "Re:Klar")  // glued to text
        #expect(decode("=?x-unknown?q?K=E4r?=") == "K\u{FFFD}r")
    }

    @Test func textThatOnlyLooksLikeAWordStays() {
        #expect(decode("=?utf-8?x?abc?=") == "=?utf-8?x?abc?=")
        #expect(decode("a =? b ?= c") == "a =? b ?= c")
        #expect(decode("=?utf-8?q?open") == "=?utf-8?q?open")
        #expect(decode("=?") == "=?")
        #expect(decode("=?utf-8?q?a b?=") == "=?utf-8?q?a b?=")
    }
}
