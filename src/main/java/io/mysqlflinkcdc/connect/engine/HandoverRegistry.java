package io.mysqlflinkcdc.connect.engine;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lets the Flink sink, which Flink instantiates from a serialized job graph, find the Connect
 * task's hand-over in the same JVM by id. Works because the job runs with parent-first class
 * loading under the plugin's class loader, so both sides see this one class.
 */
public final class HandoverRegistry {

    private static final Map<String, RecordHandover<?>> HANDOVERS = new ConcurrentHashMap<>();

    private HandoverRegistry() {
    }

    static void register(String id, RecordHandover<?> handover) {
        if (HANDOVERS.putIfAbsent(id, handover) != null) {
            throw new IllegalStateException("hand-over id already registered: " + id);
        }
    }

    static void unregister(String id) {
        HANDOVERS.remove(id);
    }

    @SuppressWarnings("unchecked")
    static <T> RecordHandover<T> lookup(String id) {
        RecordHandover<T> handover = (RecordHandover<T>) HANDOVERS.get(id);
        if (handover == null) {
            throw new IllegalStateException("no record hand-over registered under " + id
                    + "; was the job loaded by another class loader than the connector?");
        }
        return handover;
    }

    static int size() {
        return HANDOVERS.size();
    }
}
