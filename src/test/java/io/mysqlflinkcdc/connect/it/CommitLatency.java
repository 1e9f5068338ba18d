package io.mysqlflinkcdc.connect.it;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A steady writer whose changes' commit → Kafka latencies can be read afterwards: it inserts one
 * row at a time into a table (one column numbers them), remembers when each commit returned, and
 * pairs that with the CreateTime of the row's record in the topic (set by Connect's producer when
 * it sends it). Same host, same clock.
 */
final class CommitLatency implements AutoCloseable {

    /** One change: when it was committed, and how long it took to reach Kafka. */
    record Sample(long committedMillis, long latencyMillis) {
    }

    private final Map<Long, Long> committed = new ConcurrentHashMap<>();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final Thread writer;
    private volatile boolean running = true;

    /**
     * @param insert an INSERT with one parameter, the row's number (unique)
     */
    CommitLatency(TestDatabase db, String insert, long first, Duration interval) {
        writer = new Thread(() -> {
            try (Connection connection = db.connect(); PreparedStatement statement = connection.prepareStatement(insert)) {
                for (long number = first; running; number++) {
                    statement.setLong(1, number);
                    statement.executeUpdate();
                    committed.put(number, System.currentTimeMillis());
                    Thread.sleep(interval.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                failure.set(e);
            }
        }, "commit-latency-writer");
        writer.start();
    }

    int written() {
        return committed.size();
    }

    @Override
    public void close() throws Exception {
        running = false;
        writer.join(10_000);
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    /**
     * Each written row's sample, from the first record of it in {@code messages}, whose key field
     * {@code numberField} holds the row's number; fails when a row never arrived.
     */
    List<Sample> samples(List<TopicReader.Message> messages, String numberField) {
        Map<Long, Long> arrived = new ConcurrentHashMap<>();
        for (TopicReader.Message message : messages) {
            arrived.putIfAbsent(message.key().path(numberField).asLong(), message.timestamp());
        }
        List<Sample> samples = new ArrayList<>();
        committed.forEach((number, at) -> {
            Long sent = arrived.get(number);
            if (sent == null) {
                throw new AssertionError("row " + number + " committed at " + at + " never reached Kafka");
            }
            samples.add(new Sample(at, sent - at));
        });
        samples.sort(java.util.Comparator.comparingLong(Sample::committedMillis));
        return samples;
    }

    /** The largest latency among samples committed in [from, to). */
    static long maxLatency(List<Sample> samples, long fromMillis, long toMillis) {
        return samples.stream().filter(s -> s.committedMillis() >= fromMillis && s.committedMillis() < toMillis)
                .mapToLong(Sample::latencyMillis).max().orElse(-1);
    }
}
