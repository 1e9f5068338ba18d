package io.mysqlflinkcdc.connect.config;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

import io.mysqlflinkcdc.connect.record.KeyColumnOverrides;

/** Field validators shared by the config fragments; each names the remedy in its message. */
public final class ConfigValidators {

    private ConfigValidators() {
    }

    /** Every comma-separated entry must be a valid Java regular expression. */
    public static ConfigDef.Validator regexList() {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                if (value == null) {
                    return;
                }
                @SuppressWarnings("unchecked")
                List<String> entries = (List<String>) value;
                for (String entry : entries) {
                    try {
                        Pattern.compile(entry);
                    } catch (PatternSyntaxException e) {
                        throw new ConfigException(name, entry,
                                "not a valid regular expression: " + e.getDescription()
                                        + " (entries are Java regexes matched against the whole name)");
                    }
                }
            }

            @Override
            public String toString() {
                return "comma-separated Java regular expressions";
            }
        };
    }

    public static ConfigDef.Validator serverIdRange() {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                if (value != null && !value.toString().isBlank()) {
                    ServerIdRange.parse(name, value.toString());
                }
            }

            @Override
            public String toString() {
                return "a server id (5400) or an inclusive range (5400-5404), unique among the server's replicas";
            }
        };
    }

    public static ConfigDef.Validator timeZone() {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                if (value == null) {
                    return;
                }
                try {
                    ZoneId.of(value.toString());
                } catch (DateTimeException e) {
                    throw new ConfigException(name, value,
                            "not a time zone; use a region id such as UTC or Europe/Paris, or an offset such as +02:00");
                }
            }

            @Override
            public String toString() {
                return "a time zone id such as UTC, Europe/Paris or +02:00";
            }
        };
    }

    public static ConfigDef.Validator startupMode() {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                try {
                    StartupMode.parse(value == null ? null : value.toString());
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(name, value, e.getMessage());
                }
            }

            @Override
            public String toString() {
                return "one of " + StartupMode.names();
            }
        };
    }

    public static ConfigDef.Validator nonBlank() {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                if (value == null || value.toString().isBlank()) {
                    throw new ConfigException(name, value, "must not be empty");
                }
            }

            @Override
            public String toString() {
                return "non-empty string";
            }
        };
    }

    /** Empty, or one table named db.table (a name, not a pattern). */
    public static ConfigDef.Validator optionalTableName() {
        Pattern table = Pattern.compile("[^.\\s]+\\.[^.\\s]+");
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                if (value != null && !value.toString().isBlank() && !table.matcher(value.toString().trim()).matches()) {
                    throw new ConfigException(name, value, "must be one table named <db>.<table>, e.g. "
                            + "inventory.debezium_signal (a name, not a regular expression)");
                }
            }

            @Override
            public String toString() {
                return "empty or <db>.<table>";
            }
        };
    }

    /** Kafka topic names allow [a-zA-Z0-9._-]; the prefix becomes part of every topic name. */
    public static ConfigDef.Validator topicPrefix() {
        Pattern legal = Pattern.compile("[a-zA-Z0-9._-]+");
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                if (value == null || !legal.matcher(value.toString()).matches()) {
                    throw new ConfigException(name, value,
                            "must be non-empty and use only letters, digits, '.', '_' and '-' (it starts every topic name)");
                }
            }

            @Override
            public String toString() {
                return "non-empty, [a-zA-Z0-9._-]";
            }
        };
    }

    /** A single Java regular expression (empty allowed). */
    public static ConfigDef.Validator regex() {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                if (value == null || value.toString().isBlank()) {
                    return;
                }
                try {
                    Pattern.compile(value.toString());
                } catch (PatternSyntaxException e) {
                    throw new ConfigException(name, value, "not a valid regular expression: " + e.getDescription());
                }
            }

            @Override
            public String toString() {
                return "a Java regular expression";
            }
        };
    }

    /** message.key.columns syntax: {@code <table regex>:<col>[,<col>...][;...]}. */
    public static ConfigDef.Validator keyColumns() {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                try {
                    KeyColumnOverrides.parse(value == null ? null : value.toString());
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(name, value, e.getMessage());
                }
            }

            @Override
            public String toString() {
                return "<table regex>:<column>[,<column>...][;<table regex>:<column>...]";
            }
        };
    }

    /**
     * A list whose entries (trimmed, any case) are each one of {@code allowed}.
     *
     * @param what        what an entry is, for messages ("signal channel")
     * @param unsupported what else a Debezium user might try, and that it is not supported
     */
    public static ConfigDef.Validator eachOneOf(List<String> allowed, String what, String unsupported) {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                if (!(value instanceof List<?> list)) {
                    return;
                }
                for (Object entry : list) {
                    if (!allowed.contains(String.valueOf(entry).trim().toLowerCase(java.util.Locale.ROOT))) {
                        throw new ConfigException(name, value, "'" + entry + "' is not a " + what + " of this "
                                + "connector (supported: " + String.join(", ", allowed) + "; " + unsupported + ")");
                    }
                }
            }

            @Override
            public String toString() {
                return "a list of " + allowed;
            }
        };
    }
}
