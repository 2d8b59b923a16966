import Essentials
import Foundation
import SyncCore

/// The renderer upgrade on the generated board: every link as renderer 1 (Ink, BoardSync before issue 15)
/// left it — Plane's stored HTML as its base, renderer 1's input fingerprint — planned with renderer 2.
/// The updates planned are the first resync's writes; the other items are re-stamped without one.
enum UpgradeScenario {
    /// What Plane stored for item `index` after renderer 1: recorded from renderer 1 (commit fdd552c) for
    /// indexes 0, 7 and 12345 and the simulator's rewrite; the rendering depends on the index only where
    /// it is written out.
    static func rendererOneHTML(_ index: Int, projectId: String) -> String {
        let paragraph = String(repeating: BoardGenerator.paragraph, count: 4).trimmingCharacters(in: .whitespaces)
        return "<div><h2>Item \(index)</h2><p>\(paragraph)</p><ul><li>first point</li><li>second point</li></ul>"
            + "<p><code>code \(index)</code></p><p>Mirrored from the Nexus board: "
            + "https://nexus.acme.example/board/\(projectId)/items/\(BoardGenerator.idHex(index))</p></div>"
    }

    static func run(items count: Int, out: String?) throws {
        let now = Date(timeIntervalSince1970: 1_790_000_000)
        let items = (0..<count).map { index in
            var link = PlanScenarios.link(index, now: now)
            link.base?.descriptionHTML = rendererOneHTML(index, projectId: BoardGenerator.project(index))
            link.remoteFingerprint = link.base.map(Fingerprint.remote)
            link.inputFingerprint = "written-by-renderer-1"
            return ReconcileItem(
                boardItemId: .objectId(BoardGenerator.idHex(index)),
                board: .live(PlanScenarios.item(index, now: now, edited: false)), link: link, plane: .notFetched)
        }
        let input = ReconcileInput(
            configuration: PlanScenarios.configuration, metadata: PlanScenarios.allMetadata, items: items, now: now,
            linkedItemCount: count)
        let started = ContinuousClock.now
        let plan = Reconciler.plan(input)
        let seconds = (ContinuousClock.now - started).inSeconds
        let writes = plan.summary.estimatedWrites
        let restamped = plan.actions.filter { if case .skip(.noEffectiveChange) = $0.action { true } else { false } }
        try ResultRow(
            id: "8", scenario: "renderer upgrade (Ink → cmark-gfm): first resync of \(count) generated items",
            reads: nil, writes: writes, metadataReads: nil, throttled: nil, seconds: seconds, peakMiB: nil,
            measured: "\(writes) PATCHes, \(restamped.count) fingerprints re-stamped without a write",
            goal: "writes only where the description looks different", met: writes == 0 && restamped.count == count
        ).append(to: out)
    }
}
