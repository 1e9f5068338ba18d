package io.mysqlflinkcdc.connect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * Secrets and TLS: database.password comes from a ${file:...} config provider and appears in no
 * REST response and no worker log line; a server that accepts only TLS (self-signed certificate
 * made here) is captured with database.ssl.mode=verify_ca, and refused with a clear error otherwise.
 */
class SecretsAndTlsIT extends ConnectStackTest {

    private static final String VALIDATE = "/connector-plugins/MySqlFlinkCdcSourceConnector/config/validate";

    @Override
    String kafkaVersion() {
        return newestKafka();
    }

    @Test
    void passwordFromAFileProviderNeverShowsInRestOrLogs() throws Exception {
        TestDatabase db = storeDatabase("secrets", 100, 0);
        String secret = db.password();
        Path secrets = ItSettings.workDir().resolve("secrets-" + db.name() + ".properties");
        Files.writeString(secrets, "mysql.password=" + secret + "\n");
        String name = "secrets-" + db.name();
        Map<String, String> config = ItConnectorConfigs.captureSales(db, name);
        config.put("database.password", "${file:" + secrets + ":mysql.password}");
        kafka.rest().createConnector(name, config);
        awaitSales(name, db);

        String restTexts = kafka.rest().get("/connectors/" + name + "/config").expect(200).text()
                + kafka.rest().get("/connectors/" + name + "/status").expect(200).text()
                + kafka.rest().get("/connectors/" + name + "/offsets").expect(200).text();
        Map<String, String> plain = ItConnectorConfigs.capture(db, name, 1);
        plain.put("name", name);
        restTexts += kafka.rest().put(VALIDATE, plain).expect(200).text();
        plain.put("database.password", "wrong-" + secret);
        restTexts += kafka.rest().put(VALIDATE, plain).expect(200).text();
        assertFalse(restTexts.contains(secret), "REST responses hold no password");
        assertTrue(restTexts.contains("${file:" + secrets + ":mysql.password}"), "the config shows the reference");
        kafka.rest().deleteConnector(name);
        assertFalse(Files.readString(kafka.workerLog()).contains(secret), "the worker log holds no password");
    }

    @Test
    void tlsOnlyServerIsCapturedWithVerifyCaAndRefusedWithoutTls() throws Exception {
        Path dir = ItSettings.workDir().resolve("mariadb-tls-" + ProcessHandle.current().pid());
        Files.createDirectories(dir);
        Path cert = dir.resolve("server-cert.pem");
        Path key = dir.resolve("server-key.pem");
        Path truststore = dir.resolve("truststore.p12");
        // Characters that end or split a URL's query: Flink CDC puts JDBC properties into the URL unescaped.
        String truststorePassword = "tr&st=pw#1 50%";
        run(dir, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                "-keyout", key.toString(), "-out", cert.toString());
        run(dir, "keytool", "-importcert", "-noprompt", "-alias", "mariadb", "-file", cert.toString(),
                "-keystore", truststore.toString(), "-storetype", "PKCS12", "-storepass", truststorePassword);
        try (MariaDbServer tlsServer = MariaDbServer.start(dir.resolve("server"), List.of("--ssl-cert=" + cert,
                "--ssl-key=" + key, "--ssl-ca=" + cert, "--require-secure-transport=ON"))) {
            TestDatabase db = tlsServer.newDatabase("tls");
            TpcdsTables.createStoreSales(db);
            TpcdsTables.insertSales(db, 1, 200);
            String name = "tls-" + db.name();
            Map<String, String> config = ItConnectorConfigs.captureSales(db, name);
            config.put("name", name);

            config.put("database.ssl.mode", "disabled");
            String refused = validationErrors(kafka.rest().put(VALIDATE, config).expect(200).body());
            assertTrue(refused.startsWith("database.ssl.mode: ") && refused.contains("accepts only TLS connections"),
                    refused);

            config.put("database.ssl.mode", "verify_ca");
            config.put("database.ssl.truststore", truststore.toString());
            config.put("database.ssl.truststore.password", truststorePassword);
            assertEquals("", validationErrors(kafka.rest().put(VALIDATE, config).expect(200).body()));
            kafka.rest().createConnector(name, config);
            awaitSales(name, db);
            TpcdsTables.insertSales(db, 1_000, 10);
            db.execute("DELETE FROM store_sales WHERE ss_ticket_number % 7 = 0");
            awaitSales(name, db);
            kafka.rest().deleteConnector(name);
            String log = Files.readString(kafka.workerLog());
            assertFalse(log.contains(truststorePassword) || log.contains(java.net.URLEncoder.encode(truststorePassword,
                    java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20")), "the worker log holds no "
                    + "truststore password, plain or escaped");
        }
    }

    private static void run(Path dir, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve(command[0] + ".log").toFile()).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0,
                String.join(" ", command) + " failed; see " + dir.resolve(command[0] + ".log"));
    }
}
