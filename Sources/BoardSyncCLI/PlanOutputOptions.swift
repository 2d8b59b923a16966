import ArgumentParser

/// The flags `sync` and `resync` share: whether the run writes, and how its summary is printed.
struct PlanOutputOptions: ParsableArguments {
    @Flag(help: "Print the plan and write nothing.")
    var dryRun = false

    @Flag(help: "Print the run summary as one JSON object.")
    var json = false
}
