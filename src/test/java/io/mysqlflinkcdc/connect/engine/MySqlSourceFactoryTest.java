package io.mysqlflinkcdc.connect.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import org.apache.flink.cdc.connectors.mysql.source.config.MySqlSourceConfig;
import org.apache.flink.cdc.connectors.mysql.source.connection.PooledDataSourceFactory;
import org.junit.jupiter.api.Test;

import com.mysql.cj.conf.ConnectionUrl;
import io.debezium.connector.mysql.MySqlConnection;

/** The Flink CDC settings the hot path depends on (measured in bench/, see bench/README.md). */
class MySqlSourceFactoryTest {

    private static MySqlSourceConfig flinkCdcConfig(String... keyValues) {
        return FlinkCdcConfigs.readerConfig(keyValues);
    }

    @Test
    void debeziumQueueHandsOverWithinTwentyMilliseconds() {
        // The default 500 ms made every snapshot chunk wait up to a second and every change up to 0.5 s.
        assertEquals("20", flinkCdcConfig().getDbzProperties().getProperty("poll.interval.ms"));
    }

    @Test
    void snapshotBackfillIsSkippedUnlessAsked() {
        assertTrue(flinkCdcConfig().isSkipSnapshotBackfill());
        assertFalse(flinkCdcConfig("snapshot.backfill.skip", "false").isSkipSnapshotBackfill());
    }

    @Test
    void truststoreSettingsSurviveFlinkCdcsUnescapedJdbcUrls() {
        String password = "tr&st=p#w+ 50%?";
        String truststore = "/etc/kafka/tls & certs/trust#1.p12";
        MySqlSourceConfig config = flinkCdcConfig("database.ssl.mode", "verify_ca", "database.ssl.truststore",
                truststore, "database.ssl.truststore.password", password);
        // Debezium's connection (schema reads, binlog checks) and Flink CDC's pool (chunk reads)
        // both append the JDBC properties to the URL as &key=value.
        String debeziumUrl = new MySqlConnection.MySqlConnectionConfiguration(config.getDbzConfiguration(),
                config.getJdbcProperties()).getUrlPattern().replace("${hostname}", "mysql.local")
                .replace("${port}", "3306").replace("${useSSL}", "true").replace("${connectTimeout}", "30000");
        StringBuilder poolUrl = new StringBuilder(String.format(PooledDataSourceFactory.JDBC_URL_PATTERN,
                "mysql.local", 3306));
        config.getJdbcProperties().forEach((key, value) -> poolUrl.append('&').append(key).append('=').append(value));
        for (String url : new String[] {debeziumUrl, poolUrl.toString()}) {
            Map<String, String> parsed = ConnectionUrl.getConnectionUrlInstance(url, new Properties()).getMainHost()
                    .getHostProperties();
            assertEquals(password, parsed.get("trustCertificateKeyStorePassword"), url);
            assertEquals(Path.of(truststore).toUri().toString(), parsed.get("trustCertificateKeyStoreUrl"), url);
            assertEquals("VERIFY_CA", parsed.get("sslMode"), url);
            assertFalse(url.contains(password), "the URL (which a parse error would quote) holds the password as is");
        }
    }
}
