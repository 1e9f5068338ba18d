package io.mysqlflinkcdc.connect.record;

import java.io.Serializable;
import java.util.List;

import io.mysqlflinkcdc.connect.format.DecimalMode;
import io.mysqlflinkcdc.connect.format.TemporalMode;

/**
 * Everything that shapes the records, in a serializable form: the deserializer carrying it is
 * shipped into the embedded Flink job.
 *
 * @param keyColumns     message.key.columns as configured (empty for none)
 * @param routeRegex     topic.route.regex (empty for none)
 * @param routeKeyField  key field naming the source table on rerouted records (empty for none)
 */
public record RecordSettings(String topicPrefix, String heartbeatTopic, DecimalMode decimals,
                             TemporalMode temporals, List<MetadataField> metadataFields,
                             MetadataLocation metadataLocation, String keyColumns, String routeRegex,
                             String routeReplacement, String routeKeyField) implements Serializable {

    public RecordSettings {
        metadataFields = List.copyOf(metadataFields);
    }

    /** Plain upsert records, nothing optional: for tests and defaults. */
    public static RecordSettings defaults(String topicPrefix, String heartbeatTopic) {
        return new RecordSettings(topicPrefix, heartbeatTopic, DecimalMode.STRING, TemporalMode.ISO, List.of(),
                MetadataLocation.VALUE, "", "", "", "");
    }
}
