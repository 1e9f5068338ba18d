package io.mysqlflinkcdc.connect.engine;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.debezium.connector.mysql.antlr.MySqlAntlrDdlParser;
import io.debezium.relational.Tables;

class EngineWarmUpTest {

    @Test
    void warmUpLoadsTheSharedRpcSystemAndTheDdlParser() {
        EngineWarmUp.run(true, true);

        assertNotNull(SharedRpcSystem.folder(), "the RPC system was loaded");
        // Its pool threads end shortly after the actor system (and a warm-up another test started
        // in the background may still be running); an actor system never stopped keeps them.
        await("the warm-up's actor system stopped").atMost(Duration.ofSeconds(30)).until(() ->
                Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                        .noneMatch(name -> name.startsWith("mysql-flink-cdc-warm-up-")));
        Tables tables = new Tables();
        new MySqlAntlrDdlParser().parse("CREATE TABLE t (id INT NOT NULL PRIMARY KEY, v VARCHAR(10))", tables);
        assertEquals(List.of("id"), tables.forTable(null, null, "t").primaryKeyColumnNames(),
                "the parser still parses after the warm-up");
    }

    @Test
    void eachPartIsWarmedUpOncePerWorkerAndTheRpcSystemOnlyForAConfigThatMayNeedAMiniCluster() {
        EngineWarmUp worker = new EngineWarmUp();
        assertEquals(new EngineWarmUp.Started(false, true), worker.start(false), "a config without a cluster");
        assertEquals(new EngineWarmUp.Started(false, false), worker.start(false), "once");
        assertEquals(new EngineWarmUp.Started(true, false), worker.start(true), "a config that may need a cluster");
        assertEquals(new EngineWarmUp.Started(false, false), worker.start(true), "once");
        assertEquals(new EngineWarmUp.Started(true, true), new EngineWarmUp().start(true), "both at once");
    }
}
