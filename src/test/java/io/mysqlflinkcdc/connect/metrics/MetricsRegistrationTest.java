package io.mysqlflinkcdc.connect.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;

import org.junit.jupiter.api.Test;

class MetricsRegistrationTest {

    private final MBeanServer server = MBeanServerFactory.newMBeanServer();
    private final ObjectName snapshotName = MetricsRegistration.name("snapshot", "shop", 0);
    private final ObjectName streamingName = MetricsRegistration.name("streaming", "shop", 0);

    private TaskMetrics metrics() {
        return new TaskMetrics("shop", 0, "__debezium-heartbeat.shop", 100, java.util.Map::of, Clock.systemUTC(), 8192, () -> 8192, server,
                line -> { });
    }

    @Test
    void namesFollowDebezium() {
        assertEquals("mysql-flink-cdc:type=connector-metrics,context=snapshot,server=shop,task=0", snapshotName.toString());
        assertEquals("mysql-flink-cdc:type=connector-metrics,context=streaming,server=shop,task=0", streamingName.toString());
    }

    @Test
    void beansAreReadableOverJmxWithOpenTypesAndGoneAfterClose() throws Exception {
        TaskMetrics metrics = metrics();
        metrics.snapshotStarts(Optional.of(Map.of("inventory.orders", 10L)));
        metrics.register();

        assertEquals(Boolean.TRUE, server.getAttribute(snapshotName, "SnapshotRunning"));
        assertEquals(Boolean.FALSE, server.getAttribute(snapshotName, "SnapshotCompleted"));
        assertEquals(1, server.getAttribute(snapshotName, "TotalTableCount"));
        assertEquals(1, server.getAttribute(snapshotName, "RemainingTableCount"));
        assertEquals(0L, server.getAttribute(snapshotName, "SnapshotDurationInSeconds"));
        TabularData rows = (TabularData) server.getAttribute(snapshotName, "RowsScanned");
        CompositeData orders = rows.get(new Object[] {"inventory.orders"});
        assertEquals(0L, orders.get("value"));

        assertEquals(-1L, server.getAttribute(streamingName, "MilliSecondsBehindSource"));
        assertEquals(0L, server.getAttribute(streamingName, "TotalNumberOfEventsSeen"));
        assertEquals(-1L, server.getAttribute(streamingName, "BinlogPosition"));
        assertEquals(8192, server.getAttribute(streamingName, "QueueTotalCapacity"));
        assertEquals(8192, server.getAttribute(streamingName, "QueueRemainingCapacity"));
        assertEquals(Boolean.FALSE, server.getAttribute(streamingName, "Connected"));

        metrics.close();
        assertFalse(server.isRegistered(snapshotName));
        assertFalse(server.isRegistered(streamingName));
        metrics.close();
    }

    @Test
    void aTakenNameIsRetriedOnPollAndAnotherTasksBeansAreLeftAlone() throws Exception {
        TaskMetrics previous = metrics();
        previous.register();
        TaskMetrics next = metrics();
        next.register();
        next.close();
        assertTrue(server.isRegistered(snapshotName), "closing the second task leaves the first one's beans");

        TaskMetrics third = metrics();
        third.register();
        previous.close();
        assertFalse(server.isRegistered(snapshotName));
        third.polled(List.of());
        assertTrue(server.isRegistered(snapshotName), "registered once the name is free");
        assertTrue(server.isRegistered(streamingName));
        third.close();
        assertFalse(server.isRegistered(streamingName));
    }
}
