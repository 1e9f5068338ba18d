package io.mysqlflinkcdc.connect.engine;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;


class EngineWarmUpTest {

    @Test
    void warmUpLoadsTheSharedRpcSystem() {
        EngineWarmUp.run();

        assertNotNull(SharedRpcSystem.folder(), "the RPC system was loaded");
        // Its pool threads end shortly after the actor system (and a warm-up another test started
        // in the background may still be running); an actor system never stopped keeps them.
        await("the warm-up's actor system stopped").atMost(Duration.ofSeconds(30)).until(() ->
                Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                        .noneMatch(name -> name.startsWith("mysql-flink-cdc-warm-up-")));
    }

    @Test
    void theWarmUpRunsOncePerWorkerAndOnlyForAConfigThatMayNeedAMiniCluster() {
        EngineWarmUp worker = new EngineWarmUp();
        assertFalse(worker.start(false), "a config without a cluster");
        assertTrue(worker.start(true), "a config that may need a cluster");
        assertFalse(worker.start(true), "once");
    }
}
