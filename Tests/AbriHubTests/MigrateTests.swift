import Testing

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
