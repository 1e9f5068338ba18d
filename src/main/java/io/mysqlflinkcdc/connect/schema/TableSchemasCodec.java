package io.mysqlflinkcdc.connect.schema;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import org.apache.flink.cdc.debezium.history.FlinkJsonTableChangeSerializer;

import io.debezium.document.Document;
import io.debezium.document.DocumentReader;
import io.debezium.document.DocumentWriter;
import io.debezium.relational.TableId;
import io.debezium.relational.history.TableChanges.TableChange;

/**
 * The captured tables' schemas as one offset value: Flink CDC's own JSON form of each table
 * (as in its split state), deflated and base64-encoded. A few hundred bytes per table.
 *
 * <p>The JSON carries {@value #FORMAT_KEY}: {@value #FORMAT}, the version of this layout (Flink CDC
 * 3.5's table-change JSON under each table's quoted id). Offsets written before it existed have
 * no version and the same layout. A version this build does not know is refused, so a newer
 * connector's offsets are never half-read after a downgrade (docs/design.md, "Flink CDC internals").
 */
public final class TableSchemasCodec {

    static final String FORMAT_KEY = "$format";
    static final int FORMAT = 1;

    private TableSchemasCodec() {
    }

    public static String encode(Map<TableId, TableChange> schemas) {
        FlinkJsonTableChangeSerializer serializer = new FlinkJsonTableChangeSerializer();
        Document document = Document.create();
        document.setNumber(FORMAT_KEY, FORMAT);
        schemas.forEach((id, change) -> document.setDocument(id.toDoubleQuotedString(), serializer.toDocument(change)));
        try {
            byte[] json = DocumentWriter.defaultWriter().write(document).getBytes(StandardCharsets.UTF_8);
            return Base64.getEncoder().encodeToString(deflate(json));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the table schemas", e);
        }
    }

    /** {@code db.table}, the name partitions and task configs use. */
    public static String qualifiedName(TableId id) {
        return id.catalog() + "." + id.table();
    }

    /** Each table's schema encoded on its own, for the offsets of its partition. */
    public static Map<String, String> encodeEach(Map<TableId, TableChange> schemas) {
        Map<String, String> each = new HashMap<>();
        schemas.forEach((id, change) -> each.put(qualifiedName(id), encode(Map.of(id, change))));
        return each;
    }

    /** @throws IllegalArgumentException when the text is not what {@link #encode} wrote */
    public static Map<TableId, TableChange> decode(String encoded) {
        Document document = read(encoded);
        int format = document.getInteger(FORMAT_KEY, FORMAT);
        if (format != FORMAT) {
            throw new IllegalArgumentException("table schemas in format " + format + ", which this connector "
                    + "version does not read (it reads " + FORMAT + "): they were written by a newer version. "
                    + "Run that version again, or reset the offsets (a new snapshot)");
        }
        try {
            Map<TableId, TableChange> schemas = new LinkedHashMap<>();
            document.forEach(field -> {
                if (!FORMAT_KEY.contentEquals(field.getName())) {
                    schemas.put(TableId.parse(field.getName().toString()),
                            FlinkJsonTableChangeSerializer.fromDocument(field.getValue().asDocument(), true));
                }
            });
            return schemas;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unreadable table schemas (" + e.getMessage() + ")", e);
        }
    }

    private static Document read(String encoded) {
        try {
            String json = new String(inflate(Base64.getDecoder().decode(encoded)), StandardCharsets.UTF_8);
            return DocumentReader.defaultReader().read(json);
        } catch (IOException | DataFormatException | RuntimeException e) {
            throw new IllegalArgumentException("unreadable table schemas (" + e.getMessage() + ")", e);
        }
    }

    private static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        try {
            deflater.setInput(data);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 4 + 64);
            byte[] buffer = new byte[8192];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static byte[] inflate(byte[] data) throws DataFormatException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(data);
            ByteArrayOutputStream out = new ByteArrayOutputStream(data.length * 4);
            byte[] buffer = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new DataFormatException("truncated data");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } finally {
            inflater.end();
        }
    }
}
