import Testing

@testable import SyncReports

@Suite struct WordDiffTests {
    @Test func wordsAreDiffedNotCharacters() {
        #expect(
            WordDiff.diff("the quick fox", "the slow fox") == [
                .same("the "), .deleted("quick"), .inserted("slow"), .same(" fox"),
            ])
        #expect(WordDiff.diff("a", "a") == [.same("a")])
        #expect(WordDiff.diff("", "new") == [.inserted("new")])
        #expect(WordDiff.diff("old", "") == [.deleted("old")])
    }

    @Test func aRunOfChangedWordsIsOneChange() {
        #expect(
            WordDiff.diff("keep a b c end", "keep x y z end") == [
                .same("keep "), .deleted("a b c"), .inserted("x y z"), .same(" end"),
            ])
    }

    @Test func markupIsSplitIntoTokens() {
        #expect(WordDiff.tokens("<p>hi there</p>") == ["<", "p", ">", "hi", " ", "there", "<", "/", "p", ">"])
    }

    @Test func hugeValuesFallBackToOneReplacement() {
        let old = (0..<1500).map { "w\($0)" }.joined(separator: " ")
        let new = (0..<1500).map { "v\($0)" }.joined(separator: " ")
        let diff = WordDiff.diff("same " + old, "same " + new)
        #expect(diff.first == .same("same "))
        #expect(diff.count == 3)
    }
}
