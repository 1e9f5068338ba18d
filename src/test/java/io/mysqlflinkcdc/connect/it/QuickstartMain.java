package io.mysqlflinkcdc.connect.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Docker-free quickstart ({@code mvn -B -q -Pquickstart verify}): a private MariaDB with a demo
 * {@code tpcds} schema, a Kafka broker and a Connect worker with the built plugin archive on its
 * plugin.path, all on loopback. It registers the connector through the REST API with
 * {@code connector-config/mysql-flink-cdc.json}, applies a few changes once the snapshot is in, and
 * prints what lands in the topics. Ctrl-C (or {@code -Dquickstart.seconds=N}) stops everything.
 */
public final class QuickstartMain {

    private static final int SALES = 2000;
    private static final int RETURNS = 500;
    private static final String CONNECTOR = "mysql-flink-cdc";

    private QuickstartMain() {
    }

    public static void main(String[] args) throws Exception {
        long seconds = Long.getLong("quickstart.seconds", 0L);
        Path work = ItSettings.workDir().resolve("quickstart");
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean running = new AtomicBoolean(true);
        Resources resources = new Resources();
        Thread shutdown = new Thread(() -> {
            running.set(false);
            resources.close();
            stopped.countDown();
        }, "quickstart-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);

        say("Starting MariaDB (binlog ROW) on loopback ...");
        resources.mariadb = MariaDbServer.start(work.resolve("mariadb"));
        TestDatabase tpcds = resources.mariadb.newDatabaseNamed("tpcds");
        TpcdsTables.createStoreSales(tpcds);
        TpcdsTables.createStoreReturns(tpcds);
        TpcdsTables.insertSales(tpcds, 1, SALES);
        TpcdsTables.insertReturns(tpcds, 1, RETURNS);
        say("MariaDB " + resources.mariadb.version() + " is up");
        say("Demo schema tpcds: " + SALES + " store_sales rows, " + RETURNS + " store_returns rows (port "
                + resources.mariadb.port() + ")");

        String version = ItSettings.kafkaVersions().get(ItSettings.kafkaVersions().size() - 1);
        say("Starting Kafka " + version + " (KRaft) and a Connect worker with the plugin archive on plugin.path ...");
        resources.kafka = KafkaStack.start(version);
        say("Kafka at " + resources.kafka.bootstrapServers() + ", Connect REST at " + resources.kafka.rest().baseUrl());

        Map<String, String> config = demoConfig(tpcds);
        say("PUT /connectors/" + CONNECTOR + "/config (connector-config/mysql-flink-cdc.json, pointed at the local MariaDB)");
        resources.kafka.rest().createConnector(CONNECTOR, config);

        Thread printer = new Thread(() -> printTopics(resources.kafka.bootstrapServers(), config.get("topic.prefix"),
                running, tpcds), "quickstart-printer");
        printer.setDaemon(true);
        printer.start();

        if (seconds > 0) {
            if (!stopped.await(seconds, TimeUnit.SECONDS)) {
                say("Ran for " + seconds + " s; stopping.");
                Runtime.getRuntime().removeShutdownHook(shutdown);
                shutdown.run();
            }
        } else {
            say("Press Ctrl-C to stop everything.");
            stopped.await();
        }
    }

    private static Map<String, String> demoConfig(TestDatabase db) throws Exception {
        Map<String, String> config = new HashMap<>(new ObjectMapper().readValue(
                Files.readString(Path.of("connector-config", "mysql-flink-cdc.json")),
                new TypeReference<Map<String, String>>() { }));
        config.put("database.hostname", "127.0.0.1");
        config.put("database.port", Integer.toString(db.server().port()));
        config.put("database.user", db.user());
        config.put("database.password", db.password());
        config.put("heartbeat.interval.ms", "1000");
        return config;
    }

    /** Prints every record as it arrives; once the snapshot is in, applies a few changes. */
    private static void printTopics(String bootstrap, String prefix, AtomicBoolean running, TestDatabase db) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "quickstart-printer");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "1000");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        AtomicLong received = new AtomicLong();
        boolean changesApplied = false;
        long total = SALES + RETURNS;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(Pattern.compile(Pattern.quote(prefix + ".tpcds.") + ".*"));
            while (running.get()) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    long n = received.incrementAndGet();
                    if (n <= total) {
                        if (n <= 3 || n == total) {
                            System.out.printf("%n  %-28s key=%s%n  %28s value=%s%n", record.topic(), record.key(), "",
                                    abbreviate(record.value()));
                        }
                        if (n * 100 / total != (n - 1) * 100 / total) {
                            System.out.printf("\rsnapshot: %d/%d rows (%d%%)   ", n, total, n * 100 / total);
                        }
                    } else {
                        String op = record.value() == null ? "DELETE (tombstone)" : "UPSERT";
                        System.out.printf("%n[change] %-18s %s key=%s%n         value=%s%n", op, record.topic(),
                                record.key(), record.value());
                    }
                }
                if (!changesApplied && received.get() >= total) {
                    changesApplied = true;
                    applySampleChanges(db);
                }
            }
        } catch (Exception e) {
            if (running.get()) {
                System.err.println("quickstart printer stopped: " + e);
            }
        }
    }

    private static void applySampleChanges(TestDatabase db) {
        List<String> changes = List.of(
                "INSERT INTO store_sales (ss_item_sk, ss_ticket_number, ss_quantity, ss_net_profit) VALUES (42, 9000001, 3, 12.50)",
                "UPDATE store_sales SET ss_quantity = 4, ss_net_profit = 15.00 WHERE ss_ticket_number = 9000001",
                "DELETE FROM store_sales WHERE ss_ticket_number = 9000001");
        try {
            for (String sql : changes) {
                say("\nApplying: " + sql);
                db.execute(sql);
            }
        } catch (Exception e) {
            System.err.println("could not apply the sample changes: " + e);
        }
    }

    private static String abbreviate(String json) {
        return json == null ? "null" : json.length() > 160 ? json.substring(0, 157) + "..." : json;
    }

    private static void say(String line) {
        System.out.println("[quickstart] " + line);
    }

    /** Everything the quickstart started, stopped in reverse order. */
    private static final class Resources {
        MariaDbServer mariadb;
        KafkaStack kafka;

        synchronized void close() {
            if (kafka != null) {
                say("Stopping the connector, the Connect worker and Kafka ...");
                try {
                    kafka.rest().deleteConnector(CONNECTOR);
                } catch (Exception e) {
                    System.err.println("could not delete the connector: " + e);
                }
                kafka.close();
                kafka = null;
            }
            if (mariadb != null) {
                say("Stopping MariaDB ...");
                mariadb.close();
                mariadb = null;
            }
            say("Stopped; nothing left running.");
        }
    }
}
