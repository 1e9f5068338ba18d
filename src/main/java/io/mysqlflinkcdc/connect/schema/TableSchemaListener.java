package io.mysqlflinkcdc.connect.schema;

/**
 * Told, inside the Flink reader, the captured tables' schemas whenever they change (and once when
 * the binlog phase starts), so the offsets written after that carry them.
 */
public interface TableSchemaListener {

    /** @param encoded the schemas as {@link TableSchemasCodec#encode} wrote them */
    void tableSchemasChanged(String encoded);
}
