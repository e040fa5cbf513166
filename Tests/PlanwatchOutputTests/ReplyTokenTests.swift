import PlanwatchOutput
import PlanwatchTestSupport
import Testing

@Suite struct ReplyTokenTests {
    @Test func tokensAreTwentyCharactersOfLowercaseBase32() {
        for _ in 0..<100 {
            let token = ReplyToken.generate()
            #expect(token.count == 20)
            #expect(token.allSatisfy { "abcdefghijklmnopqrstuvwxyz234567".contains($0) })
            #expect(ReplyToken.isWellFormed(token))
        }
    }

    @Test func aThousandTokensAreDistinct() {
        #expect(Set((0..<1_000).map { _ in ReplyToken.generate() }).count == 1_000)
    }

    @Test func tokensUseAHundredBitsOfTheGenerator() {
        // Every 5-bit group of the generator's output becomes one character, least significant first.
        struct Constant: RandomNumberGenerator {
            var value: UInt64
            mutating func next() -> UInt64 { value }
        }
        var zeros = Constant(value: 0)
        #expect(ReplyToken.generate(using: &zeros) == String(repeating: "a", count: 20))
        var ones = Constant(value: .max)
        #expect(ReplyToken.generate(using: &ones) == String(repeating: "7", count: 20))
        var counting = Constant(value: 0b00011_00010_00001)
        #expect(ReplyToken.generate(using: &counting).hasPrefix("bcda"))
        var first = SeededGenerator(state: 1), second = SeededGenerator(state: 1)
        #expect(ReplyToken.generate(using: &first) == ReplyToken.generate(using: &second))
    }

    @Test func wellFormedIsExact() {
        #expect(ReplyToken.isWellFormed("k7d2mq4xw5nbp3rtzh6a"))
        for bad in ["", "k7d2mq4xw5nbp3rtzh6", "k7d2mq4xw5nbp3rtzh6ab", "K7D2MQ4XW5NBP3RTZH6A", "k7d2mq4xw5nbp3rtzh61", "k7d2mq4xw5nbp3rtzh6=",
                    "k7d2mq4xw5nbp3rtzh6å"] {
            #expect(!ReplyToken.isWellFormed(bad), "\(bad)")
        }
    }

    @Test func constantTimeEqualityIsEquality() {
        #expect(ReplyToken.constantTimeEquals("k7d2mq4xw5nbp3rtzh6a", "k7d2mq4xw5nbp3rtzh6a"))
        #expect(ReplyToken.constantTimeEquals("", ""))
        #expect(!ReplyToken.constantTimeEquals("k7d2mq4xw5nbp3rtzh6a", "k7d2mq4xw5nbp3rtzh6b"))
        #expect(!ReplyToken.constantTimeEquals("a7d2mq4xw5nbp3rtzh6a", "k7d2mq4xw5nbp3rtzh6a"))
        #expect(!ReplyToken.constantTimeEquals("k7d2", "k7d2mq4xw5nbp3rtzh6a"))
        #expect(!ReplyToken.constantTimeEquals("k7d2mq4xw5nbp3rtzh6a", ""))
        #expect(!ReplyToken.constantTimeEquals("a\u{0}", "a"))
    }

    @Test func constantTimeEqualityTakesAsLongWhereverTheStringsDiffer() {
        // Timing on a shared machine is noisy: compare the medians of many runs of each case and
        // allow a wide margin; an early exit at the first difference would make the first case
        // several times faster than the last on strings this long.
        let stored = String(repeating: "k7d2mq4xw5nbp3rtzh6a", count: 200)
        var early = Array(stored.utf8), late = Array(stored.utf8)
        early[0] = UInt8(ascii: "b")
        late[late.count - 1] = UInt8(ascii: "b")
        let candidates = [String(decoding: early, as: UTF8.self), String(decoding: late, as: UTF8.self)]
        func median(_ candidate: String) -> Duration {
            let clock = ContinuousClock()
            var runs: [Duration] = []
            for _ in 0..<101 {
                let start = clock.now
                for _ in 0..<10 { #expect(!ReplyToken.constantTimeEquals(stored, candidate)) }
                runs.append(clock.now - start)
            }
            return runs.sorted()[runs.count / 2]
        }
        _ = median(candidates[0])  // warm up
        let first = median(candidates[0]), last = median(candidates[1])
        #expect(first * 3 > last && last * 3 > first, "first difference \(first), last \(last)")
    }
}
