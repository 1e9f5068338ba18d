package io.mysqlflinkcdc.connect.engine;

import java.io.IOException;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * The job's sink: puts every record into the Connect task's {@link RecordHandover}. It keeps no
 * state: progress lives in the records' offsets, which Connect stores (docs/design.md).
 */
final class HandoverSink<T> implements Sink<T> {

    private static final long serialVersionUID = 3L;

    private final String handoverId;

    HandoverSink(String handoverId) {
        this.handoverId = handoverId;
    }

    @Override
    @SuppressWarnings("deprecation") // the InitContext variant is the one Flink 1.20 requires
    public SinkWriter<T> createWriter(InitContext context) {
        return writer();
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        return writer();
    }

    private SinkWriter<T> writer() {
        RecordHandover<T> handover = HandoverRegistry.lookup(handoverId);
        return new SinkWriter<>() {
            @Override
            public void write(T element, Context ctx) throws IOException, InterruptedException {
                handover.put(element);
            }

            @Override
            public void flush(boolean endOfInput) {
                // Records are handed over as they are written; nothing is buffered here.
            }

            @Override
            public void close() {
                // The hand-over belongs to the Connect task, which closes it.
            }
        };
    }
}
