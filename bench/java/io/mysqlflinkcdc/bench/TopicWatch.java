package io.mysqlflinkcdc.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Topics of the benchmark: created with LogAppendTime, so every record carries the moment the
 * broker appended it, which is what all timings end at. One partition each, so offsets count records.
 */
final class TopicWatch implements AutoCloseable {

    private final Admin admin;
    private final KafkaConsumer<byte[], byte[]> consumer;

    TopicWatch(String bootstrapServers) {
        Properties adminProps = new Properties();
        adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        admin = Admin.create(adminProps);
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        consumer = new KafkaConsumer<>(props);
    }

    void create(String topic) throws Exception {
        admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1)
                .configs(Map.of("message.timestamp.type", "LogAppendTime")))).all().get();
    }

    long endOffset(String topic) {
        TopicPartition partition = new TopicPartition(topic, 0);
        return consumer.endOffsets(List.of(partition)).get(partition);
    }

    /**
     * Polls the end offset until it reaches {@code count}; {@code health} is called every few
     * seconds and throws when the producer of the topic has failed.
     */
    void awaitCount(String topic, long count, Duration timeout, Callable<?> health) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        long nextHealthCheck = 0;
        while (endOffset(topic) < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(topic + " holds " + endOffset(topic) + " of " + count
                        + " records after " + timeout);
            }
            if (System.nanoTime() > nextHealthCheck) {
                health.call();
                nextHealthCheck = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            }
            Thread.sleep(100);
        }
    }

    /** The record at an offset (append time in its timestamp). */
    ConsumerRecord<byte[], byte[]> recordAt(String topic, long offset) {
        List<ConsumerRecord<byte[], byte[]>> records = read(topic, offset, offset + 1);
        if (records.isEmpty()) {
            throw new IllegalStateException("no record at " + topic + "@" + offset);
        }
        return records.get(0);
    }

    /** Records from..toExclusive (or to the end offset, if that comes first). */
    List<ConsumerRecord<byte[], byte[]>> read(String topic, long from, long toExclusive) {
        TopicPartition partition = new TopicPartition(topic, 0);
        long end = Math.min(toExclusive, endOffset(topic));
        consumer.assign(Set.of(partition));
        consumer.seek(partition, from);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (consumer.position(partition) < end && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                if (record.offset() < end) {
                    records.add(record);
                }
            }
        }
        consumer.unsubscribe();
        return records;
    }

    @Override
    public void close() {
        consumer.close();
        admin.close();
    }
}
