package io.mysqlflinkcdc.connect.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Debezium's Kafka signal messages, and when their read position may be committed. */
class KafkaSignalChannelTest {

    private static final String TOPIC = "shop-signal";
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);

    private final MockConsumer<String, String> consumer = new MockConsumer<>(OffsetResetStrategy.LATEST);
    private final KafkaSignalChannel channel = new KafkaSignalChannel(consumer, TOPIC, "shop", Duration.ZERO);

    private void topicWithEnd(long end) {
        consumer.updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, Node.noNode(), new Node[0], new Node[0])));
        consumer.updateEndOffsets(Map.of(PARTITION, end));
        consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
    }

    private void send(long offset, String key, String value) {
        consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, offset, key, value));
    }

    @Test
    void debeziumsMessagesWithTheConnectorsKeyAreSignalsAndOthersAreSkipped() {
        topicWithEnd(5);
        assertEquals(List.of(), channel.poll(), "assigned, nothing yet");
        assertEquals(5, consumer.position(PARTITION), "without a committed position: from the topic's end");
        send(5, "shop", "{\"type\": \"execute-snapshot\", \"data\": {\"data-collections\": [\"shop\\\\.orders\"], "
                + "\"type\": \"INCREMENTAL\"}}");
        send(6, "other-connector", "{\"type\": \"execute-snapshot\", \"data\": {\"data-collections\": [\"x\"]}}");
        send(7, "shop", "{\"id\": \"stop-1\", \"type\": \"stop-snapshot\", \"data\": \"{}\"}");
        send(8, "shop", "{\"type\": \"execute-snapshot\", \"data\": ");
        List<Signal> signals = channel.poll();
        assertEquals(3, signals.size());
        Signal.ExecuteSnapshot snapshot = assertInstanceOf(Signal.ExecuteSnapshot.class, signals.get(0));
        assertEquals("shop-signal-0@5", snapshot.id(), "without an id, the message's place names it");
        assertTrue(snapshot.matches("shop.orders"));
        assertEquals("stop-1", assertInstanceOf(Signal.StopSnapshot.class, signals.get(1)).id());
        assertTrue(assertInstanceOf(Signal.Unusable.class, signals.get(2)).problem().contains("not JSON"));
    }

    @Test
    void theReadPositionIsCommittedOnlyAfterTwoOfConnectsOffsetCommits() {
        topicWithEnd(0);
        channel.poll();
        send(0, "shop", "{\"type\": \"log\", \"data\": {\"message\": \"hi\"}}");
        assertEquals(1, channel.poll().size());
        channel.offsetsCommitted();
        channel.poll();
        assertTrue(consumer.committed(java.util.Set.of(PARTITION)).isEmpty(), "one commit may predate the markers");
        channel.offsetsCommitted();
        channel.poll();
        assertEquals(new OffsetAndMetadata(1), consumer.committed(java.util.Set.of(PARTITION)).get(PARTITION));
    }

    @Test
    void aCommittedPositionIsWhereReadingGoesOn() {
        // MockConsumer forgets commits on assign(); a real group keeps them.
        MockConsumer<String, String> restarted = new MockConsumer<>(OffsetResetStrategy.LATEST) {
            @Override
            public synchronized Map<TopicPartition, OffsetAndMetadata> committed(java.util.Set<TopicPartition> partitions,
                                                                                 Duration timeout) {
                return Map.of(PARTITION, new OffsetAndMetadata(4));
            }
        };
        restarted.updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, Node.noNode(), new Node[0], new Node[0])));
        restarted.updateEndOffsets(Map.of(PARTITION, 10L));
        new KafkaSignalChannel(restarted, TOPIC, "shop", Duration.ZERO).poll();
        assertEquals(4, restarted.position(PARTITION));
    }

    @Test
    void aMissingTopicIsLookedForAgain() {
        assertEquals(List.of(), channel.poll());
        topicWithEnd(0);
        channel.poll();
        send(0, "shop", "{\"type\": \"log\", \"data\": {\"message\": \"hi\"}}");
        assertEquals(1, channel.poll().size());
    }
}
