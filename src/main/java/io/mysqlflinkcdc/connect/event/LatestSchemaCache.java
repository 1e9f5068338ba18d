package io.mysqlflinkcdc.connect.event;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A value derived from a schema object, cached by that object's identity (Debezium reuses one
 * object per table schema, so look-ups hit) but kept only for the latest object of each schema
 * name: after a DDL the table's new schema replaces its old entry, so the cache does not grow with
 * every schema change of a long-running job. Unnamed schemas are cached by identity alone.
 * Not thread-safe: one per reader.
 */
public final class LatestSchemaCache<S, V> {

    private record Entry<S, V>(S schema, V value) {
    }

    private final Function<S, String> nameOf;
    private final Map<String, Entry<S, V>> byName = new HashMap<>();
    private final Map<S, V> unnamed = new IdentityHashMap<>();

    public LatestSchemaCache(Function<S, String> nameOf) {
        this.nameOf = nameOf;
    }

    public V get(S schema, Function<S, V> compute) {
        String name = nameOf.apply(schema);
        if (name == null) {
            return unnamed.computeIfAbsent(schema, compute);
        }
        Entry<S, V> entry = byName.get(name);
        if (entry != null && entry.schema() == schema) {
            return entry.value();
        }
        V value = compute.apply(schema);
        byName.put(name, new Entry<>(schema, value));
        return value;
    }

    /** Entries held. */
    public int size() {
        return byName.size() + unnamed.size();
    }
}
