import Foundation
import PlanwatchCore
import PlanwatchOutput
import PlanwatchTestSupport

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
