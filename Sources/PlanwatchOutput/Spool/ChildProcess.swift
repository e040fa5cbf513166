import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program with an argv (never a shell) in a process group of its own, feeds it its input
/// and gathers its standard error without ever blocking on either, and stops the whole group —
/// SIGTERM, then SIGKILL — when it takes longer than a timeout. Blocking: call it off the
/// cooperative thread pool.
struct ChildProcess {
    /// How a run ended.
    enum Ending: Equatable {
        case exited(Int32)
        case signalled(Int32)
        /// It did not end within the timeout and was stopped.
        case timedOut
        /// It could not be started.
        case notStarted(String)
    }

    let path: String
    let arguments: [String]

    /// Runs the program with `input` on its standard input; its standard error (the first 64 KiB).
    func run(input: [UInt8], timeout: Double) -> (ending: Ending, errors: String) {
        var stdinPipe: [Int32] = [-1, -1], stderrPipe: [Int32] = [-1, -1]
        guard pipe(&stdinPipe) == 0 else { return (.notStarted(String(cString: strerror(errno))), "") }
        guard pipe(&stderrPipe) == 0 else {
            close(stdinPipe[0]); close(stdinPipe[1])
            return (.notStarted(String(cString: strerror(errno))), "")
        }
        // Not inherited by the program (its copies on 0 and 2 are made by the spawn).
        for descriptor in stdinPipe + stderrPipe { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdinPipe[0], 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, stderrPipe[1], 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        posix_spawnattr_setpgroup(&attributes, 0)
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaults = sigset_t()
        sigfillset(&defaults)
        posix_spawnattr_setsigdefault(&attributes, &defaults)

        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid = pid_t()
        var spawned = posix_spawn(&pid, path, &actions, &attributes, argv, environ)
        // "Text file busy": another thread of this process has the program open for writing just
        // now (a file written and then run); it passes.
        for _ in 0..<20 where spawned == ETXTBSY {
            usleep(50_000)
            spawned = posix_spawn(&pid, path, &actions, &attributes, argv, environ)
        }
        close(stdinPipe[0])
        close(stderrPipe[1])
        guard spawned == 0 else {
            close(stdinPipe[1]); close(stderrPipe[0])
            return (.notStarted(String(cString: strerror(spawned))), "")
        }
        _ = fcntl(stdinPipe[1], F_SETFL, fcntl(stdinPipe[1], F_GETFL) | O_NONBLOCK)
        _ = fcntl(stderrPipe[0], F_SETFL, fcntl(stderrPipe[0], F_GETFL) | O_NONBLOCK)

        var writing: Int32 = stdinPipe[1], reading: Int32 = stderrPipe[0]
        var written = 0
        var errors: [UInt8] = []
        var status: Int32 = 0
        var exited = false
        let deadline = Date().addingTimeInterval(timeout)
        var buffer = [UInt8](repeating: 0, count: 4096)
        if input.isEmpty { close(writing); writing = -1 }
        while !exited {
            if waitpid(pid, &status, WNOHANG) == pid { exited = true; break }
            let remaining = deadline.timeIntervalSinceNow
            if remaining <= 0 { break }
            var fds = [pollfd(fd: writing, events: Int16(POLLOUT), revents: 0), pollfd(fd: reading, events: Int16(POLLIN), revents: 0)]
            _ = poll(&fds, 2, Int32(min(remaining, 0.05) * 1000) + 1)
            if writing >= 0, fds[0].revents != 0 {
                let count = input.withUnsafeBytes { write(writing, $0.baseAddress! + written, $0.count - written) }
                if count > 0 { written += count }
                if written == input.count || (count < 0 && errno != EAGAIN && errno != EINTR) || fds[0].revents & Int16(POLLERR | POLLHUP) != 0 {
                    close(writing)
                    writing = -1
                }
            }
            if reading >= 0, fds[1].revents != 0 {
                let count = read(reading, &buffer, buffer.count)
                if count > 0 {
                    if errors.count < 65_536 { errors += buffer[0..<min(count, 65_536 - errors.count)] }
                } else if count == 0 || (errno != EAGAIN && errno != EINTR) {
                    close(reading)
                    reading = -1
                }
            }
        }
        if writing >= 0 { close(writing) }
        if !exited {
            killpg(pid, SIGTERM)
            let grace = Date().addingTimeInterval(5)
            while waitpid(pid, &status, WNOHANG) != pid {
                if Date() >= grace {
                    killpg(pid, SIGKILL)
                    waitpid(pid, &status, 0)
                    break
                }
                usleep(20_000)
            }
            // What else of the group is left (a child of the program holding on) goes too.
            killpg(pid, SIGKILL)
            if reading >= 0 { close(reading) }
            return (.timedOut, String(decoding: errors, as: UTF8.self))
        }
        // The rest of standard error, what is there now.
        while reading >= 0 {
            let count = read(reading, &buffer, buffer.count)
            if count > 0, errors.count < 65_536 { errors += buffer[0..<min(count, 65_536 - errors.count)] } else if count <= 0 {
                close(reading)
                reading = -1
            }
        }
        let text = String(decoding: errors, as: UTF8.self)
        if status & 0x7f == 0 { return (.exited((status >> 8) & 0xff), text) }
        return (.signalled(status & 0x7f), text)
    }
}
