import AbriTestSupport
import AbriPublic
import Foundation
import Testing

@Suite struct HubAuthTests {
    @Test func unsignedBadlySignedStaleAndStrangerRequestsAre401() throws {
        let hub = try HubProcess()
        let vault = try VaultBuilder()
        let admin = HubClient(port: hub.port, identity: vault.admin)
        #expect(try admin.create(vault.hex, try vault.creation()).status == 201)
        let target = "/v1/vaults/\(vault.hex)/changes?since=0"

        let unsigned = try HTTPClient.send(port: hub.port, method: "GET", target: target, headers: [], body: [])
        #expect(unsigned.status == 401)

        var headers = try vault.member.headers(method: "GET", target: "/v1/vaults/\(vault.hex)/changes?since=1", body: [])
        let wrongTarget = try HTTPClient.send(port: hub.port, method: "GET", target: target, headers: headers, body: [])
        #expect(wrongTarget.status == 401)

        headers = try vault.member.headers(method: "GET", target: target, body: [])
        headers[2].1 = Data(try vault.admin.sign(Array("something else".utf8))).base64EncodedString()
        #expect(try HTTPClient.send(port: hub.port, method: "GET", target: target, headers: headers, body: []).status == 401)

        let member = HubClient(port: hub.port, identity: vault.member)
        #expect(try member.send("GET", target, date: Int64(Date().timeIntervalSince1970) - 400).status == 401)
        #expect(try member.send("GET", target, date: Int64(Date().timeIntervalSince1970) + 400).status == 401)

        let stranger = HubClient(port: hub.port, identity: try TestIdentity())
        #expect(try stranger.send("GET", target).status == 401)
        #expect(try stranger.push(vault.hex, base: 1, vault.records(1)).status == 401)
        #expect(try stranger.send("GET", "/v1/vaults/\(vault.hex)/head").status == 401)

        #expect(try member.send("GET", target).status == 200)
    }

    @Test func aRemovedMemberIsRefused() throws {
        let hub = try HubProcess()
        let vault = try VaultBuilder()
        let admin = HubClient(port: hub.port, identity: vault.admin)
        #expect(try admin.create(vault.hex, try vault.creation()).status == 201)
        let newcomer = try TestIdentity()
        // Version 2 lists only the newcomer: the first member is gone from it.
        let push = [try vault.nextRoster(members: [newcomer])] + (try vault.logAndHead(1))
        let answer = try admin.push(vault.hex, base: 1, push)
        #expect(answer.status == 200, "\(answer.text)")
        #expect(try HubClient(port: hub.port, identity: vault.member).send("GET", "/v1/vaults/\(vault.hex)/head").status == 401)
        #expect(try HubClient(port: hub.port, identity: newcomer).send("GET", "/v1/vaults/\(vault.hex)/head").status == 200)
    }
}
