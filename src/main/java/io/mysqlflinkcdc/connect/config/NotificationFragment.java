package io.mysqlflinkcdc.connect.config;

import java.util.List;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/** Where notifications about on-demand snapshots go, with Debezium's keys. */
public final class NotificationFragment {

    public static final String GROUP = "Notifications";

    public static final String NOTIFICATION_ENABLED_CHANNELS = "notification.enabled.channels";
    public static final String NOTIFICATION_SINK_TOPIC_NAME = "notification.sink.topic.name";

    public static final String LOG_CHANNEL = "log";
    public static final String SINK_CHANNEL = "sink";
    private static final List<String> CHANNELS = List.of(LOG_CHANNEL, SINK_CHANNEL);

    private NotificationFragment() {
    }

    static void define(ConfigDef def) {
        int order = 0;
        def.define(NOTIFICATION_ENABLED_CHANNELS, Type.LIST, "", ConfigValidators.eachOneOf(CHANNELS, "notification channel", "Debezium's jmx channel is not"), Importance.LOW,
                "Where a notification goes when an on-demand snapshot starts, completes or is stopped "
                        + "(Debezium's 'Incremental Snapshot' notifications): log (a worker log line) and/or sink "
                        + "(a record in notification.sink.topic.name). Empty: none.",
                GROUP, ++order, Width.SHORT, "Notification channels")
           .define(NOTIFICATION_SINK_TOPIC_NAME, Type.STRING, "", Importance.LOW,
                "The topic of the sink notification channel; required with it.",
                GROUP, ++order, Width.MEDIUM, "Notification topic");
    }
}
