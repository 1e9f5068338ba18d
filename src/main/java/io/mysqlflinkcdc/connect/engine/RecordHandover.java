package io.mysqlflinkcdc.connect.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The bounded hand-over between the embedded Flink job (producer threads) and the Connect task
 * (one consumer). A full queue blocks the producer (backpressure); a producer failure is delivered
 * to the consumer after the records that preceded it.
 */
public final class RecordHandover<T> {

    /** Why the hand-over ended; the consumer sees it once the queue is drained. */
    public sealed interface End {
        record Failed(Throwable cause) implements End {
        }

        record Finished() implements End {
        }
    }

    private static final long PUT_CHECK_MS = 100;

    private final ArrayBlockingQueue<T> queue;
    private final int capacity;
    private volatile End end;
    private volatile boolean closed;

    public RecordHandover(int capacity) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.capacity = capacity;
    }

    /**
     * Waits for room, then enqueues. Fails once the consumer closed the hand-over, so a producer
     * never blocks a shutdown.
     */
    public void put(T record) throws InterruptedException {
        do {
            if (closed) {
                throw new IllegalStateException("the Connect task stopped; record hand-over closed");
            }
        } while (!queue.offer(record, PUT_CHECK_MS, TimeUnit.MILLISECONDS));
    }

    /** Records the producer's end; the first end wins. */
    public synchronized void end(End why) {
        if (end == null) {
            end = why;
        }
    }

    /**
     * Waits up to {@code waitMs} for a first record, then takes whatever else is ready, up to
     * {@code max}. Returns an empty list on time-out or after the end; see {@link #end()}.
     */
    public List<T> drain(int max, long waitMs) throws InterruptedException {
        List<T> batch = new ArrayList<>(Math.min(max, queue.size() + 1));
        T first = queue.poll(waitMs, TimeUnit.MILLISECONDS);
        if (first != null) {
            batch.add(first);
            queue.drainTo(batch, max - 1);
        }
        return batch;
    }

    /** The producer's end, once every record before it was drained; else null. */
    public End end() {
        // Read the end before looking at the queue: a producer enqueues its last record before it ends.
        End ended = end;
        return ended != null && queue.isEmpty() ? ended : null;
    }

    public int size() {
        return queue.size();
    }

    /** Most records the hand-over holds (max.queue.size). */
    public int capacity() {
        return capacity;
    }

    /** Free slots; 0 means the Flink job is waiting for {@code poll()} (backpressure). */
    public int remainingCapacity() {
        return queue.remainingCapacity();
    }

    /** Stops accepting records and drops what is queued (Connect re-reads it from the stored offset). */
    public void close() {
        closed = true;
        queue.clear();
    }
}
