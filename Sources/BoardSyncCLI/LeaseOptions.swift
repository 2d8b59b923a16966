import ArgumentParser
import BoardSync

/// The lease flags of the commands that write (`sync`, `resync`, `run`).
struct LeaseOptions: ParsableArguments {
    @Flag(help: "When another worker holds the integration's lease, wait for it instead of exiting 75.")
    var wait = false

    @Option(
        name: .customLong("lease-duration"),
        help: .duration("How long a lease lasts without renewal (env BOARDSYNC_LEASE_DURATION_SECONDS; default 60s)."))
    var leaseDuration: DurationArgument?

    @Option(
        name: .customLong("lease-renew"),
        help: .duration("Time between renewals (env BOARDSYNC_LEASE_RENEW_SECONDS; default a third of the duration)."))
    var leaseRenew: DurationArgument?
}
