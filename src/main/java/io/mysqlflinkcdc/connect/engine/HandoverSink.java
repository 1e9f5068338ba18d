package io.mysqlflinkcdc.connect.engine;

import java.io.IOException;
import java.util.Collection;
import java.util.List;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.util.function.SerializableFunction;

/**
 * The job's sink: puts every record into the Connect task's {@link RecordHandover}. When the job
 * checkpoints, it also puts a marker there at the barrier, so the task knows which records a
 * checkpoint covers. It keeps no state of its own.
 */
final class HandoverSink<T> implements Sink<T>, SupportsWriterState<T, Void> {

    private static final long serialVersionUID = 2L;

    private final String handoverId;
    /** Hand-over element for a checkpoint barrier, or null when nobody needs them. */
    private final SerializableFunction<Long, T> checkpointMarker;

    HandoverSink(String handoverId, SerializableFunction<Long, T> checkpointMarker) {
        this.handoverId = handoverId;
        this.checkpointMarker = checkpointMarker;
    }

    @Override
    @SuppressWarnings("deprecation") // the InitContext variant is the one Flink 1.20 requires
    public StatefulSinkWriter<T, Void> createWriter(InitContext context) {
        return writer();
    }

    @Override
    public StatefulSinkWriter<T, Void> createWriter(WriterInitContext context) {
        return writer();
    }

    private StatefulSinkWriter<T, Void> writer() {
        RecordHandover<T> handover = HandoverRegistry.lookup(handoverId);
        return new StatefulSinkWriter<>() {
            @Override
            public void write(T element, Context ctx) throws IOException, InterruptedException {
                handover.put(element);
            }

            @Override
            public List<Void> snapshotState(long checkpointId) throws IOException {
                if (checkpointMarker != null) {
                    try {
                        handover.put(checkpointMarker.apply(checkpointId));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted while handing over checkpoint " + checkpointId, e);
                    }
                }
                return List.of();
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

    @Override
    public StatefulSinkWriter<T, Void> restoreWriter(WriterInitContext context, Collection<Void> recoveredState) {
        return writer();
    }

    @Override
    public SimpleVersionedSerializer<Void> getWriterStateSerializer() {
        return new SimpleVersionedSerializer<>() {
            @Override
            public int getVersion() {
                return 1;
            }

            @Override
            public byte[] serialize(Void state) {
                return new byte[0];
            }

            @Override
            public Void deserialize(int version, byte[] serialized) {
                return null;
            }
        };
    }
}
