import CMongoC

/// Namespace of the MongoDB driver's process-wide set-up.
public enum Mongo {}
