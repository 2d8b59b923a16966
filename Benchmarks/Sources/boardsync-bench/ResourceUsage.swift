import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The process's resident memory, from `/proc/self/status` (Linux).
enum ResourceUsage {
    /// Peak resident set size (`VmHWM`), MiB.
    static var peakMiB: Double { field("VmHWM") / 1024 }

    /// Current resident set size (`VmRSS`), MiB.
    static var residentMiB: Double { field("VmRSS") / 1024 }

    /// Resets the peak to the current resident size (`echo 5 > /proc/self/clear_refs`), so a later `peakMiB`
    /// covers only what ran in between. Returns false where the kernel does not allow it.
    @discardableResult
    static func resetPeak() -> Bool {
        guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return false }
        defer { try? handle.close() }
        return (try? handle.write(contentsOf: Data("5".utf8))) != nil
    }

    /// CPU time (user + system) of the whole process so far, seconds: unlike wall time, not stretched by other
    /// processes on a shared machine.
    static var cpuSeconds: Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// Hands memory freed by a set-up step back to the kernel, so the resident size is what is still in use.
    static func releaseFreedMemory() {
        _ = glibcMallocTrim(0)
    }

    private static func field(_ name: String) -> Double {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in text.split(separator: "\n") where line.hasPrefix(name + ":") {
            let digits = line.dropFirst(name.count + 1).filter(\.isNumber)
            return Double(String(digits)) ?? 0
        }
        return 0
    }
}

/// glibc's `malloc_trim`, which the Glibc module does not export.
@_silgen_name("malloc_trim")
private func glibcMallocTrim(_ pad: Int) -> Int32
