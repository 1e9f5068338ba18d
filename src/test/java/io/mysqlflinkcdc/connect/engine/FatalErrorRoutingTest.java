package io.mysqlflinkcdc.connect.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.mysqlflinkcdc.connect.errors.EngineFatalError;

/** Which job a fatal error in a thread fails. */
class FatalErrorRoutingTest {

    private static final EngineFatalError OWNED = new EngineFatalError("owned", null);
    private static final EngineFatalError UNOWNED = new EngineFatalError("unowned", null);

    @Test
    void aThreadMadeWhileAJobStartedFailsOnlyThatJobAndAThreadOfNoJobFailsEvery() throws Exception {
        List<EngineFatalError> first = new ArrayList<>();
        List<EngineFatalError> second = new ArrayList<>();
        Thread owned;
        try (FatalErrorRouting.Scope scope = FatalErrorRouting.ownedBy("first", first::add)) {
            // The grandchild of the starting thread, as Flink's pools make theirs.
            owned = new Thread(() -> startAndJoin(new Thread(() -> FatalErrorRouting.failOwnerOrAll(OWNED))));
        }
        try (FatalErrorRouting.Scope scope = FatalErrorRouting.ownedBy("second", second::add)) {
            assertTrue(second.isEmpty(), "nothing started in this scope");
        }
        try {
            startAndJoin(owned);
            assertEquals(List.of(OWNED), first);
            assertEquals(List.of(), second);

            AtomicInteger told = new AtomicInteger();
            AtomicBoolean hadOwner = new AtomicBoolean(true);
            startAndJoin(new Thread(() -> {
                hadOwner.set(FatalErrorRouting.failOwner(UNOWNED));
                told.set(FatalErrorRouting.failOwnerOrAll(UNOWNED));
            }));
            assertFalse(hadOwner.get());
            assertEquals(2, told.get());
            assertEquals(List.of(OWNED, UNOWNED), first);
            assertEquals(List.of(UNOWNED), second);
        } finally {
            FatalErrorRouting.forget("first");
            FatalErrorRouting.forget("second");
        }
    }

    /**
     * A thread of a job that has no handler of its own and dies (the binlog client's reader on an
     * event larger than the heap) fails that job; a thread of no job is left to the JVM's default.
     */
    @Test
    void anOwnedThreadThatDiesFailsItsJob() throws Exception {
        OwnedThreadDeaths.install();
        List<EngineFatalError> failures = new ArrayList<>();
        OutOfMemoryError death = new OutOfMemoryError("simulated: Java heap space");
        Thread owned;
        try (FatalErrorRouting.Scope scope = FatalErrorRouting.ownedBy("dying", failures::add)) {
            owned = new Thread(() -> {
                throw death;
            }, "blc-simulated");
        }
        try {
            startAndJoin(owned);
            assertEquals(1, failures.size());
            assertSame(death, failures.get(0).getCause());
            assertTrue(failures.get(0).getMessage().contains("Thread 'blc-simulated'"), failures.get(0).getMessage());

            startAndJoin(new Thread(() -> {
                throw new IllegalStateException("a thread of no job, printed by the JVM's default handler");
            }));
            assertEquals(1, failures.size());
        } finally {
            FatalErrorRouting.forget("dying");
        }
    }

    private static void startAndJoin(Thread thread) {
        thread.start();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
