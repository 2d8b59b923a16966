import Essentials
import Foundation

// Every key is always written (`null` when there is no value), like the conflict reports' JSON, so a
// script reading `explain --json` never has to guess whether a key exists. Decoding is synthesised.

extension ItemExplanation {
    public func encode(to encoder: any Encoder) throws {
        try encoder.encodeEveryKey(of: self, keyedBy: CodingKeys.self)
    }
}

extension ItemExplanation.Board {
    public func encode(to encoder: any Encoder) throws {
        try encoder.encodeEveryKey(of: self, keyedBy: CodingKeys.self)
    }
}

extension ItemExplanation.LinkInfo {
    public func encode(to encoder: any Encoder) throws {
        try encoder.encodeEveryKey(of: self, keyedBy: CodingKeys.self)
    }
}

extension ItemExplanation.Plane {
    public func encode(to encoder: any Encoder) throws {
        try encoder.encodeEveryKey(of: self, keyedBy: CodingKeys.self)
    }
}

extension ItemExplanation.LastSeen {
    public func encode(to encoder: any Encoder) throws {
        try encoder.encodeEveryKey(of: self, keyedBy: CodingKeys.self)
    }
}

extension ItemExplanation.Payload {
    public func encode(to encoder: any Encoder) throws {
        try encoder.encodeEveryKey(of: self, keyedBy: CodingKeys.self)
    }
}

extension ItemExplanation.Action {
    public func encode(to encoder: any Encoder) throws {
        try encoder.encodeEveryKey(of: self, keyedBy: CodingKeys.self)
    }
}
