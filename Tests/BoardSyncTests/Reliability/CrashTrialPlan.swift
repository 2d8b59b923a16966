@testable import BoardSync

/// One crash trial: which kind of run, and where it is killed (a named point and which hit of it, or a
/// random moment).
struct CrashTrialPlan: Sendable {
    enum Kind: String, Sendable {
        /// Plane empty, no link: every item is created.
        case initial
        /// `sync` after board edits, creates and a delete.
        case incremental
        /// `resync --yes` after the same.
        case resync
        /// `sync` after edits by a board writer whose clock runs a day ahead; a writer with a right clock
        /// adds an item before the runs that must complete (issue 12, case 2).
        case clockAhead

        /// The kinds the scheduled trials take in turn.
        static let scheduled: [Kind] = [.initial, .incremental, .resync]
    }

    enum Kill: Sendable {
        case at(CrashPoint, nth: Int)
        case afterMilliseconds(Int)
    }

    var kind: Kind
    var kill: Kill

    var pointName: String {
        switch kill {
        case .at(let point, _): point.rawValue
        case .afterMilliseconds: "random"
        }
    }

    /// The kinds of run that reach a point, and how many hits it surely has in them.
    static func reach(of point: CrashPoint) -> (kinds: [Kind], hits: Int) {
        switch point {
        case .afterLinkCreating, .afterPostSent: (Kind.scheduled, 2)
        // A POST whose answer is lost (the trials drop some) never reaches these two.
        case .afterPlaneAnswered, .beforeLinkConfirmed: (Kind.scheduled, 1)
        case .afterPatch: ([.incremental, .resync], 1)
        case .beforeCheckpoint: (Kind.scheduled, 1)
        case .midPlaneListing: ([.resync, .incremental], 1)
        case .midBoardRead: (Kind.scheduled, 5)
        }
    }

    /// `perPoint` trials at every named point, `random` at random moments, kinds taken in turn.
    static func schedule(perPoint: Int, random: Int, using generator: inout TrialRandom) -> [CrashTrialPlan] {
        var plans: [CrashTrialPlan] = []
        for point in CrashPoint.allCases {
            let (kinds, hits) = reach(of: point)
            for index in 0..<perPoint {
                plans.append(
                    CrashTrialPlan(
                        kind: kinds[index % kinds.count],
                        kill: .at(point, nth: Int.random(in: 1...hits, using: &generator))))
            }
        }
        for index in 0..<random {
            plans.append(
                CrashTrialPlan(
                    kind: Kind.scheduled[index % Kind.scheduled.count],
                    kill: .afterMilliseconds(Int.random(in: 20...450, using: &generator))))
        }
        return plans.shuffled(using: &generator)
    }
}
