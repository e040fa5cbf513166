import Foundation
import PlanwatchCore
import PlanwatchOutput

/// The `.eml` files under `Replies/` (real-looking replies, bounces and auto-replies).
enum ReplyCorpus {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Replies")
    static let token = "k7d2mq4xw5nbp3rtzh6a"
    static let pattern = try! ReplyAddressPattern(parsing: "planwatch+{token}@example.se")

    static func bytes(_ name: String) -> [UInt8] {
        Array(try! Data(contentsOf: folder.appendingPathComponent(name)))
    }

    static func mail(_ name: String) -> IncomingMail {
        IncomingMail(bytes(name))
    }

    static var names: [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.filter { $0.hasSuffix(".eml") }.sorted() ?? []
    }
}

/// A small seeded generator (SplitMix64), so that random tests repeat.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
