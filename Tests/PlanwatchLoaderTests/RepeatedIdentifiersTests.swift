import Foundation
@testable import PlanwatchLoader
import Testing

/// The quick check for a repeated id gives the answer a `Set` gives, for every kind of id.
@Suite struct RepeatedIdentifiersTests {
    /// What a `Set` says.
    func expected(_ ids: [String]) -> Bool {
        var seen = Set<String>()
        return ids.contains { !seen.insert($0).inserted }
    }

    @Test func aRepeatedIdIsFoundWhereverItIs() {
        let ids = (0..<50_000).map { "t\($0)" }
        // ASCII ids: answered by the quick table, not the Set.
        #expect(RepeatedIdentifiers.quickly(in: ids) == false)
        #expect(RepeatedIdentifiers.quickly(in: ids + ["t7"]) == true)
        #expect(RepeatedIdentifiers.occur(in: ids) == false)
        #expect(RepeatedIdentifiers.occur(in: ids + ["t0"]) == true)
        #expect(RepeatedIdentifiers.occur(in: ["t49999"] + ids) == true)
        var middle = ids
        middle[25_000] = "t1234"
        #expect(RepeatedIdentifiers.occur(in: middle) == true)
        #expect(RepeatedIdentifiers.occur(in: []) == false)
        #expect(RepeatedIdentifiers.occur(in: ["only"]) == false)
    }

    @Test func idsThatDifferOnlyPastTheFirstWordOrInTheirLengthAreTold() {
        // Long ids (hashed in several words), ids that are prefixes of others, zero bytes, non-ASCII
        // and a string bridged from Foundation (not stored as UTF-8 until asked).
        let ids = ["uppföljning-2027-arbetsmiljö", "uppföljning-2027-arbetsmiljo", "uppföljning-2027", "uppföljning-2027\u{0}",
                   "é", "e\u{301}", "a", "aa", "aaaaaaaa", "aaaaaaaaa", NSString(string: "Socialjouren-ÅÄÖ-1").description]
        #expect(RepeatedIdentifiers.occur(in: ids) == expected(ids))
        #expect(RepeatedIdentifiers.occur(in: ids + ["Socialjouren-ÅÄÖ-1"]) == true)
        #expect(RepeatedIdentifiers.occur(in: ids + ["aaaaaaaaa"]) == true)
        // Equal by canonical equivalence, not by their bytes: the quick table leaves them to the Set.
        #expect(RepeatedIdentifiers.quickly(in: ["é", "e\u{301}"]) == nil)
        #expect(RepeatedIdentifiers.occur(in: ["é", "e\u{301}"]) == true)
    }

    @Test(arguments: 0..<20) func randomListsAgreeWithASet(seed: Int) {
        var generator = SplitMix(state: UInt64(seed))
        // Even seeds: ASCII ids (the quick table answers); odd ones: some are not (the Set answers).
        let alphabet = Array(seed.isMultiple(of: 2) ? "ab-1" : "ab-1é")
        let ids = (0..<Int(generator.next() % 400)).map { _ in
            String((0..<Int(generator.next() % 12)).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
        }
        #expect(RepeatedIdentifiers.occur(in: ids) == expected(ids), "\(ids)")
    }

    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
