import Foundation
import SyncCore
import Synchronization
import Testing

/// The CommonMark and GFM spec examples (`CommonMarkSpec/`, cmark-gfm 0.29.0.gfm.6's own) through the
/// Markdown step of a description, compared byte for byte as cmark-gfm's `spec_tests.py --no-normalize` does.
@Suite struct CommonMarkConformanceTests {
    struct Example: CustomStringConvertible {
        var number: Int
        var section: String
        var markdown: String
        var html: String
        var extensions: [String]

        var description: String { "example \(number) (\(section))" }
    }

    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "CommonMarkSpec")

    /// The examples of a spec file, as `spec_tests.py` reads them.
    static func examples(_ file: String) throws -> [Example] {
        let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
        let fence = String(repeating: "`", count: 32)
        var examples: [Example] = []
        var state = 0
        var markdown = ""
        var html = ""
        var extensions: [String] = []
        var section = ""
        var number = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let stripped = line.trimmingCharacters(in: .whitespaces)
            if stripped.hasPrefix(fence + " example") {
                state = 1
                extensions = stripped.dropFirst(fence.count + " example".count).split(separator: " ").map(String.init)
            } else if stripped == fence, state != 0 {
                state = 0
                number += 1
                if !extensions.contains("disabled") {
                    let tab = { (text: String) in text.replacingOccurrences(of: "→", with: "\t") }
                    examples.append(
                        Example(
                            number: number, section: section, markdown: tab(markdown), html: tab(html),
                            extensions: extensions))
                }
                markdown = ""
                html = ""
            } else if stripped == ".", state == 1 {
                state = 2
            } else if state == 1 {
                markdown += line + "\n"
            } else if state == 2 {
                html += line + "\n"
            } else if line.hasPrefix("#"), let space = line.firstIndex(of: " ") {
                section = String(line[line.index(after: space)...])
            }
        }
        return examples
    }

    static func render(_ example: Example, extensions: CommonMark.Extensions) -> String {
        CommonMark.html(example.markdown, extensions: extensions)
    }

    @Test func commonMarkExamplesPassWithTheCoreParser() throws {
        let core = try Self.examples("spec.txt").filter { $0.extensions.isEmpty }
        let failed = core.filter { Self.render($0, extensions: []) != $0.html }
        let passed = core.count - failed.count
        print("CommonMark 0.29 with the core parser: \(passed) of \(core.count) examples pass")
        #expect(core.count == 649)
        #expect(Double(passed) >= 0.99 * Double(core.count), "failed: \(failed.map(\.description))")
    }

    @Test func gfmExtensionExamplesPassWithTheirExtensions() throws {
        let tagged = try Self.examples("spec.txt").filter { !$0.extensions.isEmpty }
        #expect(tagged.count == 22)
        for example in tagged {
            let extensions = CommonMark.Extensions(example.extensions.compactMap(CommonMark.Extensions.init(name:)))
            #expect(Self.render(example, extensions: extensions) == example.html, "\(example)")
        }
        // cmark-gfm runs this file with every extension on (footnotes are a parser option there).
        let all: CommonMark.Extensions = [.table, .strikethrough, .autolink, .tagfilter, .tasklist, .footnotes]
        let extensionTests = try Self.examples("extensions.txt")
        #expect(extensionTests.count == 30)
        for example in extensionTests {
            let html = Self.render(example, extensions: all)
            // `<IGNORE>`: only that it renders at all (`spec_tests.py` does the same).
            if example.html != "<IGNORE>\n" { #expect(html == example.html, "\(example)") }
        }
    }
}

/// cmark-gfm 0.29 shares one table of special characters between all parsers: renders on several threads
/// at once (two integrations planning in one daemon) must give what they give one at a time.
@Suite struct CommonMarkThreadTests {
    @Test func concurrentRendersGiveTheSerialResults() {
        let markdown = "a ~~gone~~ and ~t~ at https://x.example\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n- [x] done"
        let sets: [CommonMark.Extensions] = [.descriptions, [.strikethrough, .tagfilter], [], [.table]]
        let expected = sets.map { CommonMark.html(markdown, extensions: $0) }
        let results = Mutex<[Int: Int]>([:])
        DispatchQueue.concurrentPerform(iterations: 8) { worker in
            var wrong = 0
            for round in 0..<300 {
                let index = (worker + round) % sets.count
                if CommonMark.html(markdown, extensions: sets[index]) != expected[index] { wrong += 1 }
            }
            results.withLock { $0[worker] = wrong }
        }
        #expect(results.withLock { $0.values.reduce(0, +) } == 0)
    }
}
