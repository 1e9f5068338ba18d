package io.mysqlflinkcdc.connect.config;

import java.util.List;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/** Where signals come from, with Debezium's keys (docs/design.md, "Signals"). */
public final class SignalFragment {

    public static final String GROUP = "Signals";

    public static final String SIGNAL_DATA_COLLECTION = "signal.data.collection";
    public static final String SIGNAL_ENABLED_CHANNELS = "signal.enabled.channels";
    public static final String SIGNAL_KAFKA_TOPIC = "signal.kafka.topic";
    public static final String SIGNAL_KAFKA_BOOTSTRAP_SERVERS = "signal.kafka.bootstrap.servers";
    public static final String SIGNAL_KAFKA_GROUP_ID = "signal.kafka.groupId";
    /** Prefix of the signal consumer's own settings (security, timeouts), as in Debezium. */
    public static final String SIGNAL_CONSUMER_PREFIX = "signal.consumer.";

    public static final String SOURCE_CHANNEL = "source";
    public static final String KAFKA_CHANNEL = "kafka";
    private static final List<String> CHANNELS = List.of(SOURCE_CHANNEL, KAFKA_CHANNEL);

    private SignalFragment() {
    }

    static void define(ConfigDef def) {
        int order = 0;
        def.define(SIGNAL_DATA_COLLECTION, Type.STRING, "", ConfigValidators.optionalTableName(), Importance.LOW,
                "The signal table, db.table, with Debezium's columns id, type and data: a row inserted into it "
                        + "asks the connector to act, e.g. type execute-snapshot with data "
                        + "{\"data-collections\": [\"shop\\\\.orders\"]} snapshots shop.orders again while "
                        + "the connector runs. It must be captured by the include/exclude lists. Empty: no signal "
                        + "table.",
                GROUP, ++order, Width.MEDIUM, "Signal table")
           .define(SIGNAL_ENABLED_CHANNELS, Type.LIST, SOURCE_CHANNEL, ConfigValidators.eachOneOf(CHANNELS, "signal channel", "Debezium's jmx and file channels are not"), Importance.LOW,
                "Where signals are read from: source (the signal table, signal.data.collection) and/or kafka "
                        + "(signal.kafka.topic; every task reads it and acts on its own tables).",
                GROUP, ++order, Width.SHORT, "Signal channels")
           .define(SIGNAL_KAFKA_TOPIC, Type.STRING, "", Importance.LOW,
                "The signal topic of the kafka channel (one partition is enough). Messages with key "
                        + "<topic.prefix> and value {\"type\": \"execute-snapshot\", \"data\": {...}} are signals; "
                        + "others are skipped. Empty: <topic.prefix>-signal.",
                GROUP, ++order, Width.MEDIUM, "Signal topic")
           .define(SIGNAL_KAFKA_BOOTSTRAP_SERVERS, Type.STRING, "", Importance.LOW,
                "The Kafka cluster holding signal.kafka.topic; required with the kafka channel. Further consumer "
                        + "settings (security, ...) go in signal.consumer.*.",
                GROUP, ++order, Width.LONG, "Signal topic's Kafka cluster")
           .define(SIGNAL_KAFKA_GROUP_ID, Type.STRING, "kafka-signal", ConfigValidators.nonBlank(), Importance.LOW,
                "Prefix of the consumer groups that keep the signal topic's read position: task i commits "
                        + "under <signal.kafka.groupId>.<topic.prefix>.<i>, once the offsets of what the signals "
                        + "asked for are committed. Without a committed position a task starts at the topic's end.",
                GROUP, ++order, Width.MEDIUM, "Signal consumer group prefix");
    }
}
