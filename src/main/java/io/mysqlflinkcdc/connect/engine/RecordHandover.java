package io.mysqlflinkcdc.connect.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;

/**
 * The bounded hand-over between the embedded Flink job (producer threads) and the Connect task
 * (one consumer). It holds at most {@code capacity} records and, beyond the first, at most
 * {@code maxBytes} of them; when full the producer waits (backpressure). A producer failure is
 * delivered to the consumer after the records that preceded it.
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
    private final long maxBytes;
    private final ToLongFunction<T> sizeOf;
    /** Bytes of the records in the queue. */
    private final AtomicLong bytes = new AtomicLong();
    private volatile End end;
    private volatile boolean closed;

    /** Bounded by count only. */
    public RecordHandover(int capacity) {
        this(capacity, Long.MAX_VALUE, record -> 0L);
    }

    /** @param sizeOf a record's approximate bytes */
    public RecordHandover(int capacity, long maxBytes, ToLongFunction<T> sizeOf) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.capacity = capacity;
        this.maxBytes = maxBytes;
        this.sizeOf = sizeOf;
    }

    /**
     * Waits for room, then enqueues. Fails once the consumer closed the hand-over, so a producer
     * never blocks a shutdown.
     */
    public void put(T record) throws InterruptedException {
        long size = sizeOf.applyAsLong(record);
        // Room in bytes: an empty queue takes any record, so one larger than maxBytes still passes.
        while (!queue.isEmpty() && bytes.get() + size > maxBytes) {
            checkOpen();
            synchronized (bytes) {
                bytes.wait(PUT_CHECK_MS);
            }
        }
        do {
            checkOpen();
        } while (!queue.offer(record, PUT_CHECK_MS, TimeUnit.MILLISECONDS));
        bytes.addAndGet(size);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the Connect task stopped; record hand-over closed");
        }
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
        if (first == null) {
            return batch;
        }
        batch.add(first);
        queue.drainTo(batch, max - 1);
        long drained = 0;
        if (maxBytes != Long.MAX_VALUE) {
            // The queue held at most maxBytes (one larger record alone), so the batch does too.
            for (T record : batch) {
                drained += sizeOf.applyAsLong(record);
            }
        }
        if (drained > 0) {
            bytes.addAndGet(-drained);
            synchronized (bytes) {
                bytes.notifyAll();
            }
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
        bytes.set(0);
    }

    /** Bytes of the queued records. */
    public long bytes() {
        return bytes.get();
    }
}
