import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the cache file lives: whether a cache can be kept there at all, the lock processes take while
/// opening it, and moving a bad file aside. Plain POSIX calls: Foundation has no `flock`, and its
/// `isWritableFile` answers yes to root for a file whose mode says read-only.
enum CacheLocation {
    /// Why no cache can be kept at `path`, or nil when one can (the file exists and can be written, or it
    /// can be created, its missing folders included).
    static func unusable(_ path: String) -> String? {
        guard !path.isEmpty else { return "is an empty path" }
        var isFolder: ObjCBool = false
        let files = FileManager.default
        if files.fileExists(atPath: path, isDirectory: &isFolder) {
            if isFolder.boolValue { return "is a directory, not a file" }
            return writable(path) ? nil : "is read-only"
        }
        var ancestor = URL(fileURLWithPath: path).deletingLastPathComponent()
        while !files.fileExists(atPath: ancestor.path, isDirectory: &isFolder), ancestor.path != "/" {
            ancestor = ancestor.deletingLastPathComponent()
        }
        guard isFolder.boolValue else { return "cannot be created: \(ancestor.path) is not a folder" }
        guard writable(ancestor.path) else { return "cannot be created: \(ancestor.path) is read-only" }
        return nil
    }

    /// Writable by this process, and meant to be: a mode with no write bit counts as read-only for root too.
    static func writable(_ path: String) -> Bool {
        guard access(path, W_OK) == 0 else { return false }
        guard geteuid() == 0 else { return true }
        var status = stat()
        guard stat(path, &status) == 0 else { return false }
        return status.st_mode & 0o222 != 0
    }

    /// Runs `body` holding an exclusive lock on the cache's folder, so processes that open one file at once
    /// check and migrate it one after the other. Without a lock (a folder that cannot be opened) it runs all
    /// the same: SQLite's own locking still keeps the file whole.
    static func withFolderLock<T>(_ path: String, _ body: () -> T) -> T {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let descriptor = open(folder, O_RDONLY)
        guard descriptor >= 0 else { return body() }
        defer { close(descriptor) }
        guard flock(descriptor, LOCK_EX) == 0 else { return body() }
        defer { flock(descriptor, LOCK_UN) }
        return body()
    }

    /// Moves the file and its `-wal` and `-shm` aside (replacing an earlier file moved there).
    static func moveAside(_ path: String, to aside: String) throws {
        let files = FileManager.default
        for suffix in ["", "-wal", "-shm"] {
            try? files.removeItem(atPath: aside + suffix)
            guard files.fileExists(atPath: path + suffix) else { continue }
            try files.moveItem(atPath: path + suffix, toPath: aside + suffix)
        }
    }
}
