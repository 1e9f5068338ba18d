package io.mysqlflinkcdc.connect.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class RecordHandoverTest {

    /** Runs {@code put} on its own thread; the future completes when the put returns. */
    private static CompletableFuture<Void> putAsync(RecordHandover<String> handover, String record) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread producer = new Thread(() -> {
            try {
                handover.put(record);
                done.complete(null);
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        }, "test-producer");
        producer.setDaemon(true);
        producer.start();
        return done;
    }

    @Test
    void fullHandoverBlocksTheProducerUntilDrained() throws Exception {
        RecordHandover<String> handover = new RecordHandover<>(2);
        handover.put("a");
        handover.put("b");

        CompletableFuture<Void> third = putAsync(handover, "c");
        assertThrows(TimeoutException.class, () -> third.get(300, TimeUnit.MILLISECONDS), "put must wait for room");
        assertEquals(2, handover.size());

        assertEquals(List.of("a"), handover.drain(1, 0));
        third.get(2, TimeUnit.SECONDS);
        assertEquals(List.of("b", "c"), handover.drain(10, 0));
    }

    @Test
    void drainTakesAtMostMaxInOrder() throws Exception {
        RecordHandover<String> handover = new RecordHandover<>(10);
        for (String r : List.of("1", "2", "3", "4", "5")) {
            handover.put(r);
        }
        assertEquals(List.of("1", "2", "3"), handover.drain(3, 0));
        assertEquals(List.of("4", "5"), handover.drain(3, 0));
        assertEquals(0, handover.size());
    }

    @Test
    void drainReturnsEmptyAfterItsWait() throws Exception {
        RecordHandover<String> handover = new RecordHandover<>(4);
        long started = System.nanoTime();
        assertTrue(handover.drain(10, 200).isEmpty());
        long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertTrue(waitedMs >= 150 && waitedMs < 2000, "waited " + waitedMs + " ms");
    }

    @Test
    void drainWakesUpForARecordPutWhileWaiting() throws Exception {
        RecordHandover<String> handover = new RecordHandover<>(4);
        CountDownLatch draining = new CountDownLatch(1);
        CompletableFuture<List<String>> batch = CompletableFuture.supplyAsync(() -> {
            draining.countDown();
            try {
                return handover.drain(10, 2000);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(draining.await(2, TimeUnit.SECONDS));
        handover.put("x");
        assertEquals(List.of("x"), batch.get(2, TimeUnit.SECONDS));
    }

    @Test
    void endIsReportedOnlyOnceTheQueueIsDrained() throws Exception {
        RecordHandover<String> handover = new RecordHandover<>(4);
        handover.put("last");
        IllegalStateException failure = new IllegalStateException("boom");
        handover.end(new RecordHandover.End.Failed(failure));

        assertNull(handover.end(), "a record is still queued");
        assertEquals(List.of("last"), handover.drain(10, 0));
        RecordHandover.End.Failed end = assertInstanceOf(RecordHandover.End.Failed.class, handover.end());
        assertSame(failure, end.cause());
    }

    @Test
    void noEndBeforeTheProducerEnds() {
        assertNull(new RecordHandover<String>(1).end());
    }

    @Test
    void firstEndWins() {
        RecordHandover<String> handover = new RecordHandover<>(1);
        handover.end(new RecordHandover.End.Finished());
        handover.end(new RecordHandover.End.Failed(new RuntimeException("late")));
        assertInstanceOf(RecordHandover.End.Finished.class, handover.end());
    }

    @Test
    void closeDropsQueuedRecords() throws Exception {
        RecordHandover<String> handover = new RecordHandover<>(4);
        handover.put("a");
        handover.put("b");
        handover.close();
        assertEquals(0, handover.size());
    }

    @Test
    void producerBlockedOnAFullHandoverIsReleasedByClose() throws Exception {
        RecordHandover<String> handover = new RecordHandover<>(1);
        handover.put("a");
        CompletableFuture<Void> blocked = putAsync(handover, "b");
        assertThrows(TimeoutException.class, () -> blocked.get(200, TimeUnit.MILLISECONDS));

        handover.close();

        // Released either by an exception or by the room close() made: in no case still blocked.
        try {
            blocked.get(2, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            assertInstanceOf(IllegalStateException.class, e.getCause());
        }
    }

    @Test
    void putIntoAClosedHandoverFailsInsteadOfBlocking() {
        RecordHandover<String> handover = new RecordHandover<>(1);
        handover.close();
        // More records than the capacity: the producer must get an exception, not wait for a consumer.
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> {
            handover.put("a");
            handover.put("b");
        });
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }

    @Test
    void putFailsAfterClose() {
        RecordHandover<String> handover = new RecordHandover<>(4);
        handover.close();
        assertThrows(IllegalStateException.class, () -> handover.put("late"));
    }

    @Test
    void theByteBoundMakesTheProducerWaitAndBoundsEachDrainedBatch() throws Exception {
        RecordHandover<String> handover = new RecordHandover<>(100, 10, record -> record.length());
        handover.put("aaaa");
        handover.put("bbbb");
        CompletableFuture<Void> third = putAsync(handover, "cccc");
        Thread.sleep(300);
        assertFalse(third.isDone(), "8 of 10 bytes taken: 4 more do not fit");
        assertEquals(8, handover.bytes());
        assertEquals(List.of("aaaa", "bbbb"), handover.drain(100, 0));
        third.get(5, TimeUnit.SECONDS);
        assertEquals(4, handover.bytes());
        handover.put("dddddd");
        handover.end(new RecordHandover.End.Finished());
        assertEquals(List.of("cccc", "dddddd"), handover.drain(100, 0), "10 bytes: the bound");
        assertEquals(0, handover.bytes());
    }

    @Test
    void aRecordLargerThanTheByteBoundStillPassesAlone() throws Exception {
        RecordHandover<String> handover = new RecordHandover<>(100, 10, record -> record.length());
        putAsync(handover, "x".repeat(50)).get(5, TimeUnit.SECONDS);
        assertEquals(List.of("x".repeat(50)), handover.drain(100, 0));
    }
}
