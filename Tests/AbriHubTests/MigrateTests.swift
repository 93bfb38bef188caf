import AbriTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite struct HubCommandTests {
    @Test func migrateIsIdempotent() throws {
        let cluster = try PostgresCluster.get()
        let (name, url) = try cluster.createDatabase()
        for _ in 0 ..< 2 {
            let run = try HubProcess.runHub(["migrate", "--database", url])
            #expect(run.ending == .exited(0), "\(run.output)")
        }
        let tables = try cluster.sql("SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_tables WHERE schemaname = 'public'",
                                     database: name)
        #expect(tables == "hub_schema,rows,vaults")
        #expect(try cluster.sql("SELECT count(*) FROM hub_schema", database: name) == "1")
    }

    @Test func plainHTTPOnAnotherAddressThanLoopbackExits64() throws {
        let cluster = try PostgresCluster.get()
        let (_, url) = try cluster.createDatabase()
        let run = try HubProcess.runHub(["serve", "--database", url, "--listen", "0.0.0.0:0"])
        #expect(run.ending == .exited(64))
        #expect(run.output.contains("loopback"))
    }

    @Test func anUnreachableDatabaseExits69() throws {
        let port = try PostgresCluster.freePort()
        let run = try HubProcess.runHub(["migrate", "--database", "postgres://abri@127.0.0.1:\(port)/nothing"])
        #expect(run.ending == .exited(69))
        #expect(run.output.contains("cannot be reached"))
    }
}

@Suite struct HubTLSTests {
    /// With a certificate and its key, the hub listens on any address (here every IPv4 address).
    @Test func withTLSTheHubListensOnAnyAddress() throws {
        let cluster = try PostgresCluster.get()
        let (_, url) = try cluster.createDatabase()
        #expect(try HubProcess.runHub(["migrate", "--database", url]).ending == .exited(0))
        let folder = cluster.folder + "/tls-\(UInt32.random(in: 0 ... .max))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let made = try Child.run("/usr/bin/openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                                                     "-nodes", "-keyout", folder + "/key.pem", "-out", folder + "/cert.pem",
                                                     "-days", "1", "-subj", "/CN=localhost"])
        #expect(made.ending == .exited(0))
        let output = folder + "/out"
        _ = FileManager.default.createFile(atPath: output, contents: nil)
        let hub = try Child(HubProcess.binary, ["serve", "--database", url, "--listen", "0.0.0.0:0",
                                                "--tls-cert", folder + "/cert.pem", "--tls-key", folder + "/key.pem"],
                            stdout: .file(output), stderr: .file(output))
        cluster.register(pid: hub.pid)
        defer { hub.send(SIGKILL); hub.wait() }
        var text = ""
        for _ in 0 ..< 1500 where !text.contains("listening on 0.0.0.0:") && hub.isRunning {
            usleep(20_000)
            text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        }
        #expect(text.contains("listening on 0.0.0.0:"), "\(text)")
    }
}
