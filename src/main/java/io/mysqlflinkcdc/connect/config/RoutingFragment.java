package io.mysqlflinkcdc.connect.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/** Record keys and topic names. */
public final class RoutingFragment {

    public static final String GROUP = "Keys and topics";

    public static final String MESSAGE_KEY_COLUMNS = "message.key.columns";
    public static final String TOPIC_ROUTE_REGEX = "topic.route.regex";
    public static final String TOPIC_ROUTE_REPLACEMENT = "topic.route.replacement";
    public static final String TOPIC_ROUTE_KEY_FIELD = "topic.route.key.field";

    private RoutingFragment() {
    }

    static void define(ConfigDef def) {
        int order = 0;
        def.define(MESSAGE_KEY_COLUMNS, Type.STRING, "", ConfigValidators.keyColumns(), Importance.MEDIUM,
                "Key columns for tables without a primary key, or instead of it: <table regex>:<column>[,<column>]"
                        + " entries separated by ';', each regex matched against the whole db.table, e.g. "
                        + "shop\\.audit_log:event_id;shop\\.orders_.*:order_id,line_no. A captured table with "
                        + "neither a primary key nor an entry here is refused (its rows could not be compacted). "
                        + "The first listed column also splits the table's snapshot into chunks.",
                GROUP, ++order, Width.LONG, "Key columns")
           .define(TOPIC_ROUTE_REGEX, Type.STRING, "", ConfigValidators.regex(), Importance.MEDIUM,
                "Renames topics: a regex matched against each table's default topic name "
                        + "<topic.prefix>.<db>.<table>; where it matches, the topic is topic.route.replacement "
                        + "($1... refer to its groups). E.g. (.*)\\.shop\\.orders_[0-9]+ with $1.shop.orders sends "
                        + "every orders shard to one topic. Empty keeps the default names.",
                GROUP, ++order, Width.LONG, "Topic route regex")
           .define(TOPIC_ROUTE_REPLACEMENT, Type.STRING, "", Importance.MEDIUM,
                "Topic name for tables matched by topic.route.regex, with $1, $2... for its groups.",
                GROUP, ++order, Width.LONG, "Topic route replacement")
           .define(TOPIC_ROUTE_KEY_FIELD, Type.STRING, "__source_table", Importance.LOW,
                "Key field added to the records of routed tables, holding db.table: shards routed into one topic "
                        + "may share key values, and would overwrite each other's rows in a compacted topic without "
                        + "it. Empty adds nothing (for plain renames).",
                GROUP, ++order, Width.MEDIUM, "Routed key field");
    }
}
