import Foundation
import Testing

@testable import MongoDriver

/// No URI is ever shown with its user information, and one that cannot be split into user information
/// and hosts is never echoed in part (issue 12, case 7).
@Suite struct URIRedactionTests {
    /// Passwords whose fragments are distinctive, so any tail of them would be found in a message.
    static let hostile: [(uri: String, fragments: [String])] = [
        ("mongodb://sync:Qx7@Zk9w@127.0.0.1:1/?serverSelectionTimeoutMS=200", ["Qx7", "Zk9w"]),
        ("mongodb://sync:Qx7/Zk9w@127.0.0.1:1/?serverSelectionTimeoutMS=200", ["Qx7", "Zk9w"]),
        ("mongodb://sync:Qx7?Zk9w@127.0.0.1:1/?serverSelectionTimeoutMS=200", ["Qx7", "Zk9w"]),
        ("mongodb://sync:Qx7#Zk9w@127.0.0.1:1/?serverSelectionTimeoutMS=200", ["Qx7", "Zk9w"]),
        ("mongodb://sync:Qx7:Zk9w@127.0.0.1:1/?serverSelectionTimeoutMS=200", ["Qx7", "Zk9w"]),
        ("mongodb://sy@nc:Qx7Zk9w@127.0.0.1:1/?serverSelectionTimeoutMS=200", ["Qx7Zk9w", "sy@nc"]),
        ("mongodb://sync:Qx7%zzZk9w@127.0.0.1:1/", ["Qx7", "Zk9w"]),
        ("mongodbx://sync:Qx7Zk9w@127.0.0.1:1/", ["Qx7Zk9w", "sync:"]),
        ("sync:Qx7Zk9w@127.0.0.1:1", ["Qx7Zk9w"]),
        ("mongodb://sync:Qx7Zk9w@127.0.0.1:notaport/", ["Qx7Zk9w", "sync:"]),
    ]

    @Test(arguments: hostile.indices)
    func aHostileURIShowsNoPartOfItsUserInformation(index: Int) async throws {
        let (uri, fragments) = Self.hostile[index]
        let error = try await #require(throws: MongoError.self) {
            try await withMongoClient(MongoClient.Configuration(uri: uri)) { client in
                try await client.database("nexus").runCommand(["ping": 1])
            }
        }
        for text in [error.description, "\(error)", String(reflecting: error)] {
            for fragment in fragments {
                #expect(!text.contains(fragment), "\(fragment) shown for \(uri): \(text)")
            }
            #expect(!text.contains("127.0.0.1:1/?"), "the URI is echoed: \(text)")
        }
        #expect([.invalidURI, .serverUnreachable].contains(error.code), "\(error)")
    }

    @Test func ambiguousUserInformationIsRefusedBeforeLibmongocSeesIt() throws {
        #expect(MongoURIText.problem(in: "mongodb://u:p@ss@host/") != nil)
        #expect(MongoURIText.problem(in: "mongodb://u:p/ss@host/") != nil)
        #expect(MongoURIText.problem(in: "mongodb://u:p%40ss@host/?replicaSet=rs0") == nil)
        #expect(MongoURIText.problem(in: "mongodb://host-a:27017,host-b:27017/?replicaSet=rs0") == nil)
        #expect(MongoURIText.userInfo(in: "mongodb://u:p%40ss@host/")?.password == "p%40ss")
    }

    @Test func redactionRemovesTheWholeUserInformationOfEveryAddress() {
        #expect(
            Redaction.redact("at https://bot:hunter2@plane.example.com/api/v1 (x)")
                == "at https://[redacted]@plane.example.com/api/v1 (x)")
        #expect(Redaction.redact("mongodb://u:p@ss@h/") == "mongodb://[redacted]@h/")
        #expect(Redaction.redact("mongodb://u:p/s?s@h/x") == "mongodb://[redacted]@h/x")
        #expect(
            Redaction.redact("{\"plane_url\":\"https://u:pw@h/x\",\"email\":\"a@b\"}")
                == "{\"plane_url\":\"https://[redacted]@h/x\",\"email\":\"a@b\"}")
        #expect(
            Redaction.redact("https://plane.example.com/acme/issues/1 by alice@acme.example")
                == "https://plane.example.com/acme/issues/1 by alice@acme.example")
        #expect(
            Redaction.display(URL(string: "https://bot:hunter2@plane.example.com:8443/p")!)
                == "https://plane.example.com:8443/p")
    }

    @Test func registeredSecretsAreRemovedInEveryForm() {
        Redaction.register(secret: "Pw with@space")
        #expect(Redaction.redact("a Pw with@space b") == "a *** b")
        #expect(Redaction.redact("a Pw%20with%40space b") == "a *** b")
    }
}
