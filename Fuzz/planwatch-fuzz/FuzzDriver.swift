import CPlanwatchFuzz
import Foundation
import PlanwatchFuzzing

/// `planwatch-fuzz TARGET [libFuzzer options] [CORPUS…]`: runs libFuzzer on one ``FuzzTarget``
/// (`planwatch-fuzz TARGET FILE` runs it once on a file, as libFuzzer does).
///
/// Built only by `make fuzz` (with `-sanitize=fuzzer`); a broken invariant stops the run like a
/// crash, so libFuzzer keeps the input (`crash-…`).
@main
struct FuzzDriver {
    nonisolated(unsafe) static var target = FuzzTarget.yaml
    nonisolated(unsafe) static var workspace: FuzzWorkspace?

    static func main() throws {
        var arguments = CommandLine.arguments
        // The target comes first; libFuzzer's -fork children are started without it, and find it
        // in the environment.
        if arguments.count >= 2, let target = FuzzTarget(rawValue: arguments[1]) {
            setenv("PLANWATCH_FUZZ_TARGET", target.rawValue, 1)
            arguments.remove(at: 1)
        }
        guard let name = ProcessInfo.processInfo.environment["PLANWATCH_FUZZ_TARGET"], let target = FuzzTarget(rawValue: name) else {
            let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: "|")
            FileHandle.standardError.write(Data("usage: planwatch-fuzz \(names) [libFuzzer options] [corpus…]\n".utf8))
            exit(64)
        }
        self.target = target
        workspace = try FuzzWorkspace()
        if !arguments.contains(where: { $0.hasPrefix("-max_len=") }) {
            arguments.append("-max_len=\(target.maximumLength)")
        }
        var argc = Int32(arguments.count)
        var pointers: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        let status = pointers.withUnsafeMutableBufferPointer { buffer in
            var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = buffer.baseAddress
            return LLVMFuzzerRunDriver(&argc, &argv) { data, size in
                FuzzDriver.test(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
                return 0
            }
        }
        workspace = nil
        exit(status)
    }

    static func test(_ input: [UInt8]) {
        guard let workspace else { return }
        let outcome = target.run(input, in: workspace)
        if !outcome.violations.isEmpty {
            fatalError("broken invariant: " + outcome.violations.joined(separator: "; "))
        }
    }
}

/// libFuzzer's own `main`, which the linker may pick instead of ours, calls this.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    FuzzDriver.test(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}
