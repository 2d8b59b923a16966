import Foundation

/// `boardsync-bench SCENARIO [options]`: one scenario of issue 8 per process (so each has its own pacer,
/// memory peak and simulator), each appending JSON rows to `--out FILE`; `table` renders them.
///
///     api     --items 10000 [--rate 3000/minute]       scenarios 1–3 and the naive mirror
///     pacing  --limit 60 --items 300                    scenario 4 (L per minute, N creates)
///     plan-noop --items 100000 / plan-full --items 100000   scenario 5a / 5b (SyncCore alone)
///     read    --items 100000 --python PATH --script PATH    scenario 5c
///     upgrade --items 10000                             scenario 8 (SyncCore alone): the renderer upgrade's writes
///     initial --items 1000 --limit 3000                 scenario 6
///     fresh-process                                     scenarios 7a, 7e, 7d (no-op syncs in new processes)
///     daemon  --edits 10 --spacing 6 [--cache]          scenario 7b (edit → Plane through the daemon with the
///                                                       SQLite cache, as `boardsync run`; 7c without one)
///     idle-daemon [--scale 60] [--hours 1] [--trace]    scenario 9a, 9b (an idle daemon's Plane requests per hour,
///                                                       without webhooks and with them; time scaled by --scale;
///                                                       --trace prints the hour's requests and runs)
///     sync-once --database NAME [--mode sync|resync] [--cache PATH]  one sync in this process (7a starts it)
///     table   --out FILE [--markdown BENCHMARKS.md --command "…" --before FILE]
///
/// `table --markdown` keeps the rows of BENCHMARKS.md whose scenarios did not run (`scripts/bench --only`);
/// `--before FILE` (rows of an earlier run) adds each row's earlier figure to its measured cell.
///
/// Scenarios that need MongoDB read BOARDSYNC_MONGODB_URI.
@main
struct BenchCommand {
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        func value(_ flag: String) -> String? {
            arguments.firstIndex(of: flag).flatMap { arguments.indices.contains($0 + 1) ? arguments[$0 + 1] : nil }
        }
        func int(_ flag: String, _ fallback: Int) -> Int { value(flag).flatMap { Int($0) } ?? fallback }
        let out = value("--out")
        let uri = ProcessInfo.processInfo.environment["BOARDSYNC_MONGODB_URI"] ?? ""
        do {
            switch arguments.first {
            case "api":
                try await APICallScenarios.run(
                    items: int("--items", 10_000), rate: value("--rate") ?? APICallScenarios.defaultRate, mongoURI: uri,
                    out: out)
            case "pacing":
                try await PacingScenario.run(
                    limitPerMinute: int("--limit", 60), items: int("--items", 300), mongoURI: uri, out: out)
            case "plan-noop":
                try PlanScenarios.run(items: int("--items", 100_000), changed: false, out: out)
            case "plan-full":
                try PlanScenarios.run(items: int("--items", 100_000), changed: true, out: out)
            case "upgrade":
                try UpgradeScenario.run(items: int("--items", 10_000), out: out)
            case "read":
                try await ReadScenario.run(
                    items: int("--items", 100_000), mongoURI: uri, python: value("--python") ?? "python3",
                    script: value("--script") ?? "Benchmarks/pymongo_read.py", rounds: int("--rounds", 2), out: out)
            case "initial":
                try await InitialSyncScenario.run(
                    items: int("--items", 1000), limitPerMinute: int("--limit", 3000), mongoURI: uri, out: out)
            case "fresh-process":
                try await FreshProcessScenario.run(mongoURI: uri, out: out)
            case "daemon":
                try await DaemonLatencyScenario.run(
                    edits: int("--edits", 10), spacing: .seconds(int("--spacing", 6)),
                    withCache: arguments.contains("--cache"), mongoURI: uri, out: out)
            case "idle-daemon":
                try await IdleDaemonScenario.run(
                    scale: Double(value("--scale") ?? "") ?? 60, hours: Double(value("--hours") ?? "") ?? 1,
                    trace: arguments.contains("--trace"), mongoURI: uri, out: out)
            case "sync-once":
                try await ChildSync.runHere(
                    database: value("--database") ?? "", mode: value("--mode") ?? "sync", cache: value("--cache"),
                    mongoURI: uri)
            case "table":
                try ResultTable.render(
                    rows: out ?? "", markdown: value("--markdown"), command: value("--command"),
                    before: value("--before"))
            default:
                FileHandle.standardError.write(
                    Data(
                        ("usage: boardsync-bench api|pacing|plan-noop|plan-full|read|upgrade|initial|fresh-process|"
                            + "daemon|idle-daemon|sync-once|table [options]\n").utf8))
                exit(2)
            }
        } catch {
            FileHandle.standardError.write(Data("boardsync-bench \(arguments.first ?? ""): \(error)\n".utf8))
            exit(1)
        }
    }
}
