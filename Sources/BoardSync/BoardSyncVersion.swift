/// The version `boardsync --version` prints.
public enum BoardSyncVersion {
    public static let current = "0.1.0"
}
