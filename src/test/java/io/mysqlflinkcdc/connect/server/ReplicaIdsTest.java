package io.mysqlflinkcdc.connect.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The replica listing behind validate()'s server-id clash check (live servers: ValidationIT). */
class ReplicaIdsTest {

    /** A statement whose queries fail like a server would; records what was asked. */
    private static Statement failing(List<String> asked, SQLException... errors) {
        int[] next = {0};
        return (Statement) Proxy.newProxyInstance(Statement.class.getClassLoader(), new Class<?>[] {Statement.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("executeQuery")) {
                        asked.add((String) args[0]);
                        throw errors[Math.min(next[0]++, errors.length - 1)];
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void aListingThatIsNotAllowedSaysWhyInsteadOfPassingAsNoReplicas() {
        List<String> asked = new ArrayList<>();
        ReplicaIds replicas = ReplicaIds.read(failing(asked,
                new SQLException("You have an error in your SQL syntax near 'REPLICAS'", "42000", 1064),
                new SQLException("Access denied; you need (at least one of) the REPLICATION MASTER ADMIN "
                        + "privilege(s) for this operation", "42000", 1227)));
        assertEquals(List.of("SHOW REPLICAS", "SHOW SLAVE HOSTS"), asked, "MySQL's name first, then MariaDB's");
        assertEquals(List.of(), replicas.ids());
        assertTrue(replicas.unreadable() != null && replicas.unreadable().startsWith("SHOW SLAVE HOSTS failed: Access "
                + "denied") && replicas.unreadable().contains("REPLICATION MASTER ADMIN"), replicas.unreadable());
    }

    @Test
    void aPrivilegeErrorOnMySqlsListingIsNotRetriedAsMariaDbs() {
        List<String> asked = new ArrayList<>();
        ReplicaIds replicas = ReplicaIds.read(failing(asked,
                new SQLException("Access denied; you need the REPLICATION SLAVE privilege", "42000", 1227)));
        assertEquals(List.of("SHOW REPLICAS"), asked);
        assertTrue(replicas.unreadable().startsWith("SHOW REPLICAS failed"), replicas.unreadable());
    }
}
