package io.mysqlflinkcdc.connect.signal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

// Flink's own shaded Jackson, already in the plugin for the embedded job: no second copy to ship.
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.core.JsonProcessingException;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Debezium's Kafka signal channel for one task: messages of the signal topic whose key is the
 * connector's topic.prefix and whose value is {@code {"type": ..., "data": {...}}} (docs/design.md,
 * "Signals"). Every task reads every signal and acts on its own tables. The read position is
 * committed under the task's own consumer group only once Connect has committed the offsets of
 * what the signals asked for (two offset commits after they were handed over): a crash in between
 * reads a signal again, which snapshots a table twice but never skips one.
 */
public final class KafkaSignalChannel implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaSignalChannel.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration LOOK_EVERY = Duration.ofMillis(200);

    private final Consumer<String, String> consumer;
    private final String topic;
    private final String key;
    private boolean assigned;
    private boolean closed;
    private boolean missingTopicLogged;
    private long nextLookNanos;
    /** Read positions to commit, and the count of Connect's offset commits when they were read. */
    private Map<TopicPartition, OffsetAndMetadata> pending = Map.of();
    private int pendingSince;
    private final AtomicInteger offsetCommits = new AtomicInteger();

    private final Duration lookEvery;

    KafkaSignalChannel(Consumer<String, String> consumer, String topic, String key, Duration lookEvery) {
        this.consumer = consumer;
        this.topic = topic;
        this.key = key;
        this.lookEvery = lookEvery;
    }

    /**
     * @param consumerSettings bootstrap servers and the user's signal.consumer.* settings
     * @param group            the task's own consumer group
     * @param key              the connector's topic.prefix: the key of its signals
     */
    public static KafkaSignalChannel open(Map<String, Object> consumerSettings, String topic, String group,
                                          String key) {
        Map<String, Object> settings = new HashMap<>(consumerSettings);
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        settings.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, group);
        return new KafkaSignalChannel(new KafkaConsumer<>(settings), topic, key, LOOK_EVERY);
    }

    /** The signals that arrived since the last call; looks at most every 200 ms and never blocks long. */
    public synchronized List<Signal> poll() {
        if (closed) {
            return List.of();
        }
        long now = System.nanoTime();
        if (now < nextLookNanos) {
            return List.of();
        }
        nextLookNanos = now + lookEvery.toNanos();
        commitWhenSafe();
        if (!assigned && !assign()) {
            return List.of();
        }
        List<Signal> signals = new ArrayList<>();
        Map<TopicPartition, OffsetAndMetadata> read = new HashMap<>();
        for (ConsumerRecord<String, String> message : consumer.poll(Duration.ZERO)) {
            read.put(new TopicPartition(message.topic(), message.partition()),
                    new OffsetAndMetadata(message.offset() + 1));
            if (key.equals(message.key())) {
                signals.add(parse(message));
            }
        }
        if (!read.isEmpty()) {
            Map<TopicPartition, OffsetAndMetadata> merged = new HashMap<>(pending);
            merged.putAll(read);
            pending = merged;
            pendingSince = offsetCommits.get();
        }
        return signals;
    }

    /** Connect committed the task's offsets (called from its offset-commit thread). */
    public void offsetsCommitted() {
        offsetCommits.incrementAndGet();
    }

    /**
     * Commits the read position once two of Connect's offset commits followed the read: the second
     * one began after the first ended, hence after the markers of those signals were handed over.
     */
    private void commitWhenSafe() {
        if (pending.isEmpty() || offsetCommits.get() - pendingSince < 2) {
            return;
        }
        try {
            consumer.commitSync(pending, Duration.ofSeconds(5));
            pending = Map.of();
        } catch (KafkaException e) {
            LOG.warn("Could not commit the read position of signal topic '{}' ({}); retrying, and a restart before "
                    + "it succeeds reads those signals again", topic, e.getMessage());
        }
    }

    /** Takes every partition of the topic, from the committed position, else from its end. */
    private boolean assign() {
        List<PartitionInfo> partitions;
        try {
            partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5));
        } catch (KafkaException e) {
            LOG.warn("Could not read signal topic '{}' ({}); trying again", topic, e.getMessage());
            return false;
        }
        if (partitions == null || partitions.isEmpty()) {
            if (!missingTopicLogged) {
                LOG.warn("Signal topic '{}' does not exist; create it (one partition) to send signals through Kafka. "
                        + "Looking for it again every {} ms", topic, lookEvery.toMillis());
                missingTopicLogged = true;
            }
            return false;
        }
        List<TopicPartition> all = partitions.stream().map(info -> new TopicPartition(topic, info.partition()))
                .toList();
        consumer.assign(all);
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new java.util.HashSet<>(all),
                Duration.ofSeconds(5));
        for (TopicPartition partition : all) {
            OffsetAndMetadata position = committed.get(partition);
            if (position == null) {
                consumer.seekToEnd(List.of(partition));
                // Resolve "the end" now: signals sent from here on are read.
                consumer.position(partition, Duration.ofSeconds(5));
            } else {
                consumer.seek(partition, position.offset());
            }
        }
        assigned = true;
        LOG.info("Reading signals from topic '{}' (key '{}')", topic, key);
        return true;
    }

    private static Signal parse(ConsumerRecord<String, String> message) {
        String id = message.topic() + "-" + message.partition() + "@" + message.offset();
        JsonNode value;
        try {
            value = message.value() == null ? null : JSON.readTree(message.value());
        } catch (JsonProcessingException e) {
            return new Signal.Unusable(id, "its value is not JSON (" + e.getOriginalMessage() + "): "
                    + message.value());
        }
        if (value == null || !value.isObject()) {
            return new Signal.Unusable(id, "its value must be a JSON object {\"type\": ..., \"data\": {...}}, was: "
                    + message.value());
        }
        if (value.path("id").isTextual()) {
            id = value.get("id").asText();
        }
        JsonNode data = value.path("data");
        String dataText = data.isMissingNode() || data.isNull() ? null : data.isTextual() ? data.asText()
                : data.toString();
        return SignalParser.parse(id, value.path("type").isTextual() ? value.get("type").asText() : null, dataText);
    }

    /** Closes the consumer; synchronized with {@link #poll()}, as Connect stops a task from another thread. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            consumer.close(Duration.ofSeconds(5));
        }
    }
}
