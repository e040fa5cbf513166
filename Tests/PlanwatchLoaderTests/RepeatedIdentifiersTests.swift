import Foundation
@testable import PlanwatchLoader
import PlanwatchTestSupport
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
        // ASCII ids, answered by the quick table: long ones (hashed in several words), ones that
        // are prefixes of others, one with a zero byte, and ones that differ in their last byte.
        let ids = ["uppfoljning-2027-arbetsmiljo", "uppfoljning-2027-arbetsmiljO", "uppfoljning-2027", "uppfoljning-2027\u{0}",
                   "a", "aa", "aaaaaaaa", "aaaaaaaaa", "aaaaaaaab", "socialjouren-1", "socialjouren-10"]
        #expect(RepeatedIdentifiers.quickly(in: ids) == false)
        #expect(RepeatedIdentifiers.quickly(in: ids + ["aaaaaaaaa"]) == true)
        #expect(RepeatedIdentifiers.quickly(in: ids + ["uppfoljning-2027\u{0}"]) == true)
        #expect(RepeatedIdentifiers.quickly(in: ids + ["uppfoljning-2027-arbetsmiljo"]) == true)
        // Not ASCII: left to the Set, which compares by canonical equivalence, not by bytes.
        let swedish = ["uppföljning-2027", "Socialjouren-ÅÄÖ-1", "é"]
        #expect(RepeatedIdentifiers.quickly(in: swedish) == nil)
        #expect(RepeatedIdentifiers.occur(in: swedish) == false)
        #expect(RepeatedIdentifiers.occur(in: swedish + ["Socialjouren-ÅÄÖ-1"]) == true)
        #expect(RepeatedIdentifiers.quickly(in: ["é", "e\u{301}"]) == nil)
        #expect(RepeatedIdentifiers.occur(in: ["é", "e\u{301}"]) == true)
        // K and the Kelvin sign (U+212A) are equal Strings as well.
        #expect(RepeatedIdentifiers.occur(in: ["K", "\u{212A}"]) == expected(["K", "\u{212A}"]))
    }

    @Test func idsWhoseHashesMeetAreComparedAndALongRunGivesUp() {
        // With four bits of hash kept, a thousand ids fall into sixteen runs of about sixty.
        let ids = (0..<1000).map { "t\($0)" }
        #expect(RepeatedIdentifiers.quickly(in: ids, hashBits: 4) == nil)
        #expect(RepeatedIdentifiers.quickly(in: ids, longestRun: 1000, hashBits: 4) == false)
        #expect(RepeatedIdentifiers.quickly(in: ids + ["t500"], longestRun: 1000, hashBits: 4) == true)
        #expect(RepeatedIdentifiers.quickly(in: ["t999"] + ids, longestRun: 1000, hashBits: 1) == true)
        #expect(RepeatedIdentifiers.quickly(in: ids) == false)
    }

    @Test func theRadixSortOrdersByTheBitsAskedFor() {
        var generator = SeededGenerator(state: 7)
        var keys = (0..<5000).map { _ in generator.next() }
        let expected = keys.sorted { ($0 >> 24) < ($1 >> 24) }.map { $0 >> 24 }
        RepeatedIdentifiers.sortByRadix(&keys, bits: 24..<64)
        #expect(keys.map { $0 >> 24 } == expected)
    }

    /// Lists with a repeated id and lists without, ASCII (the table answers) and not (the Set does).
    @Test func randomListsAgreeWithASet() {
        var outcomes: [Bool: Int] = [:]
        for seed in 0..<60 {
            var generator = SeededGenerator(state: UInt64(seed))
            let ascii = seed.isMultiple(of: 2)
            let range = [40, 4_000, 400_000][seed % 3]
            let ids = (0..<(1 + Int(generator.next() % 300))).map { _ in
                (ascii ? "id-" : "åtgärd-") + String(generator.next() % UInt64(range))
            }
            let answer = expected(ids)
            outcomes[answer, default: 0] += 1
            #expect(RepeatedIdentifiers.occur(in: ids) == answer, "seed \(seed)")
            if ascii { #expect(RepeatedIdentifiers.quickly(in: ids) == answer, "seed \(seed)") }
        }
        #expect((outcomes[true] ?? 0) > 5 && (outcomes[false] ?? 0) > 5, "\(outcomes)")
    }
}
