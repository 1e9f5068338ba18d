package io.mysqlflinkcdc.bench;

import java.io.IOException;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/** The worker process's resident memory (from /proc) and its heap (through JMX). */
final class WorkerMemory {

    private WorkerMemory() {
    }

    /** Resident set size in bytes (VmRSS). */
    static long rss(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IOException("no VmRSS for process " + pid);
    }

    /** Heap in use right after a full GC: what the worker really holds. */
    static long heapAfterGc(String jmxUrl) throws Exception {
        try (JMXConnector jmx = JMXConnectorFactory.connect(new JMXServiceURL(jmxUrl))) {
            MBeanServerConnection server = jmx.getMBeanServerConnection();
            ObjectName memory = new ObjectName("java.lang:type=Memory");
            server.invoke(memory, "gc", null, null);
            return MemoryUsage.from((CompositeData) server.getAttribute(memory, "HeapMemoryUsage")).getUsed();
        }
    }

    /** Samples RSS every 200 ms in the background and keeps the peak. */
    static final class PeakRss implements AutoCloseable {
        private final AtomicLong peak = new AtomicLong();
        private final Thread sampler;

        PeakRss(long pid) {
            sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    try {
                        peak.accumulateAndGet(rss(pid), Math::max);
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        return;
                    } catch (IOException processGone) {
                        return;
                    }
                }
            }, "rss-sampler");
            sampler.setDaemon(true);
            sampler.start();
        }

        long peak() {
            return peak.get();
        }

        @Override
        public void close() {
            sampler.interrupt();
        }
    }
}
