package io.mysqlflinkcdc.connect.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a task's beans into an MBeanServer under Debezium-style names and takes them out again.
 * Metrics never fail a task: a name that is taken (a previous task of the same connector still
 * stopping, or another connector with the same topic.prefix) is retried on later calls to
 * {@link #registerMissing()}, and only this object's own registrations are ever removed.
 */
final class MetricsRegistration {

    static final String DOMAIN = "mysql-flink-cdc";
    private static final Logger LOG = LoggerFactory.getLogger(MetricsRegistration.class);

    private final MBeanServer server;
    private final Map<ObjectName, Object> missing = new LinkedHashMap<>();
    private final List<ObjectName> registered = new ArrayList<>();
    private boolean warned;

    MetricsRegistration(MBeanServer server) {
        this.server = server;
    }

    /** e.g. {@code mysql-flink-cdc:type=connector-metrics,context=snapshot,server=shop,task=0}. */
    static ObjectName name(String context, String topicPrefix, int task) {
        try {
            // topic.prefix is validated to [a-zA-Z0-9._-], which needs no quoting in an ObjectName.
            return new ObjectName(DOMAIN + ":type=connector-metrics,context=" + context + ",server=" + topicPrefix
                    + ",task=" + task);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException("topic.prefix '" + topicPrefix + "' does not fit in a JMX name", e);
        }
    }

    void add(ObjectName name, Object bean) {
        missing.put(name, bean);
    }

    /** Registers every bean not registered yet; true when all are. */
    synchronized boolean registerMissing() {
        for (var it = missing.entrySet().iterator(); it.hasNext(); ) {
            var entry = it.next();
            try {
                server.registerMBean(entry.getValue(), entry.getKey());
                registered.add(entry.getKey());
                it.remove();
            } catch (InstanceAlreadyExistsException e) {
                if (!warned) {
                    warned = true;
                    LOG.warn("JMX name {} is taken (a previous task of this connector still stopping, or another "
                            + "connector with the same topic.prefix); will retry", entry.getKey());
                }
            } catch (JMException | RuntimeException e) {
                LOG.warn("Could not register JMX bean {}; running without it: {}", entry.getKey(), e.toString());
                it.remove();
            }
        }
        return missing.isEmpty();
    }

    /** Unregisters what this object registered; stops retrying the rest. */
    synchronized void unregisterAll() {
        missing.clear();
        for (ObjectName name : registered) {
            try {
                server.unregisterMBean(name);
            } catch (InstanceNotFoundException e) {
                // someone else removed it already; nothing left to do
            } catch (JMException | RuntimeException e) {
                LOG.warn("Could not unregister JMX bean {}: {}", name, e.toString());
            }
        }
        registered.clear();
    }
}
