package io.mysqlflinkcdc.connect.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** Which job a fatal error in a thread fails. */
class FatalErrorRoutingTest {

    @Test
    void aThreadMadeWhileAJobStartedFailsOnlyThatJobAndAThreadOfNoJobFailsEvery() throws Exception {
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        Thread owned;
        try (FatalErrorRouting.Scope scope = FatalErrorRouting.ownedBy("first", first::add)) {
            // A thread made by a thread of the job, as Flink's pools make them.
            owned = new Thread(() -> new Thread(() -> FatalErrorRouting.report(Thread.currentThread(), "owned")).run());
        }
        try (FatalErrorRouting.Scope scope = FatalErrorRouting.ownedBy("second", second::add)) {
            // nothing started here
        }
        try {
            owned.start();
            owned.join();
            assertEquals(List.of("owned"), first);
            assertEquals(List.of(), second);

            AtomicInteger told = new AtomicInteger();
            Thread unowned = new Thread(() -> told.set(FatalErrorRouting.report(Thread.currentThread(), "unowned")));
            unowned.start();
            unowned.join();
            assertEquals(2, told.get());
            assertEquals(List.of("owned", "unowned"), first);
            assertEquals(List.of("unowned"), second);
        } finally {
            FatalErrorRouting.forget("first");
            FatalErrorRouting.forget("second");
        }
    }
}
