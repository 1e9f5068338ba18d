package io.mysqlflinkcdc.connect.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads a topic from the beginning, as a plain JSON consumer (AKHQ, a Flink SQL job) would. */
public final class TopicReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One message: key and value as JSON, value {@code null} for a tombstone (null bytes); headers as
     * text; {@code timestamp} its CreateTime, when Connect's producer sent it (ms since the epoch).
     */
    public record Message(JsonNode key, JsonNode value, boolean tombstone, Map<String, String> headers,
                          long timestamp) {
    }

    private final String bootstrapServers;

    public TopicReader(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** Every message now in the topic (empty when the topic does not exist yet). */
    public List<Message> readAll(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        List<Message> messages = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            var partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            if (partitions == null || partitions.isEmpty()) {
                return messages;
            }
            List<TopicPartition> assigned = partitions.stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            Map<TopicPartition, Long> end = consumer.endOffsets(assigned);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (assigned.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end within 60 s");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    Map<String, String> headers = new LinkedHashMap<>();
                    record.headers().forEach(h -> headers.put(h.key(),
                            h.value() == null ? null : new String(h.value(), java.nio.charset.StandardCharsets.UTF_8)));
                    messages.add(new Message(parse(record.key()), parse(record.value()), record.value() == null,
                            headers, record.timestamp()));
                }
            }
        }
        return messages;
    }

    /** How many messages the topic holds (its end offsets), without reading them; 0 before it exists. */
    public long endOffset(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            var partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            if (partitions == null || partitions.isEmpty()) {
                return 0;
            }
            return consumer.endOffsets(partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList())
                    .values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** The table a compacted topic stands for: last value per key, tombstones remove the key. */
    public Map<String, Map<String, String>> compacted(String topic) {
        Map<String, Map<String, String>> rows = new LinkedHashMap<>();
        for (Message message : readAll(topic)) {
            String key = canonical(message.key()).toString();
            if (message.tombstone()) {
                rows.remove(key);
            } else {
                rows.put(key, canonical(message.value()));
            }
        }
        return rows;
    }

    private static JsonNode parse(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A JSON object as column -> text, numbers normalised (12.30 and 12.3 are equal), also when
     * written as strings (decimal.handling.mode=string writes "12.30").
     */
    public static Map<String, String> canonical(JsonNode object) {
        Map<String, String> row = new TreeMap<>();
        if (object == null) {
            return row;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode value = field.getValue();
            row.put(field.getKey(), value.isNull() ? "null"
                    : value.isNumber() ? number(value.decimalValue()) : text(value.asText()));
        }
        return row;
    }

    private static final java.util.regex.Pattern DECIMAL_TEXT = java.util.regex.Pattern.compile("-?[0-9]+\\.[0-9]+");

    /** Text as compared: decimal numbers written as text are normalised like numbers. */
    public static String text(String value) {
        return DECIMAL_TEXT.matcher(value).matches() ? number(new BigDecimal(value)) : value;
    }

    public static String number(BigDecimal value) {
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }

    public static String describeDifference(Map<String, Map<String, String>> expected,
                                            Map<String, Map<String, String>> actual) {
        List<String> lines = new ArrayList<>();
        expected.forEach((key, row) -> {
            if (!actual.containsKey(key)) {
                lines.add("missing " + key);
            } else if (!actual.get(key).equals(row)) {
                lines.add("differs " + key + ": table " + row + " topic " + actual.get(key));
            }
        });
        actual.keySet().stream().filter(key -> !expected.containsKey(key)).forEach(key -> lines.add("extra " + key));
        return lines.size() + " differences (" + expected.size() + " rows in table, " + actual.size()
                + " in topic), first: " + lines.stream().limit(5).collect(Collectors.joining("; "));
    }
}
