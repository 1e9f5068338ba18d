package io.mysqlflinkcdc.connect.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;

/**
 * The README's configuration table and docs/configuration.md are generated from the ConfigDef.
 * Regenerate both with
 * {@code mvn test -Dtest=ConfigReferenceTest -Dconfig.reference.update=true}.
 */
class ConfigReferenceTest {

    private static final Path README = Path.of("README.md");
    private static final Path REFERENCE = Path.of("docs", "configuration.md");

    @Test
    void everyKeyIsDocumentedAndGrouped() {
        for (ConfigDef.ConfigKey key : ConnectorConfig.CONFIG_DEF.configKeys().values()) {
            assertTrue(key.documentation != null && key.documentation.length() > 20, "documentation of " + key.name);
            assertTrue(key.group != null && !key.group.isBlank(), "group of " + key.name);
            assertTrue(key.displayName != null && !key.displayName.isBlank(), "display name of " + key.name);
        }
    }

    @Test
    void readmeTableMatchesTheConfigDef() throws Exception {
        String readme = Files.readString(README);
        int begin = readme.indexOf(ConfigReference.BEGIN);
        int end = readme.indexOf(ConfigReference.END);
        assertTrue(begin >= 0 && end > begin, "README.md has the config table markers");
        String generated = ConfigReference.markdownTable(ConnectorConfig.CONFIG_DEF);
        String current = readme.substring(begin + ConfigReference.BEGIN.length(), end).strip() + "\n";
        if (Boolean.getBoolean("config.reference.update")) {
            Files.writeString(README, readme.substring(0, begin + ConfigReference.BEGIN.length()) + "\n" + generated
                    + readme.substring(end));
            return;
        }
        assertEquals(generated, current, "README.md's config table is stale; regenerate it with "
                + "mvn test -Dtest=ConfigReferenceTest -Dconfig.reference.update=true");
    }

    @Test
    void docsConfigurationMdMatchesTheConfigDef() throws Exception {
        String generated = ConfigReference.document(ConnectorConfig.CONFIG_DEF);
        if (Boolean.getBoolean("config.reference.update")) {
            Files.createDirectories(REFERENCE.getParent());
            Files.writeString(REFERENCE, generated);
            return;
        }
        assertTrue(Files.exists(REFERENCE), REFERENCE + " exists");
        assertEquals(generated, Files.readString(REFERENCE), REFERENCE + " is stale; regenerate it with "
                + "mvn test -Dtest=ConfigReferenceTest -Dconfig.reference.update=true");
    }

    @Test
    void passwordIsNeverShownAsDefault() {
        String table = ConfigReference.markdownTable(ConnectorConfig.CONFIG_DEF);
        assertTrue(table.contains("`database.password` | password |"), table);
        assertFalse(table.contains("[hidden]"), "no password default rendered");
    }
}
