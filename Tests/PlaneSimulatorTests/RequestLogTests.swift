import Foundation
import PlaneSimulator
import Testing

@Suite struct RequestLogTests {
    @Test func keepsOnlyTheNewestEntries() async throws {
        var configuration = SimulatorHarness.configuration()
        configuration.requestLogLimit = 2
        try await SimulatorHarness.with(configuration) { simulator, client in
            for path in ["users/me/", Paths.nexItems, Paths.nex + "states/"] { _ = try await client.get(path) }
            let paths = await simulator.requestLog().map(\.pathAndQuery)
            #expect(paths == ["/api/v1/" + Paths.nexItems, "/api/v1/" + Paths.nex + "states/"])
        }
    }
}
