package io.mysqlflinkcdc.connect;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mysqlflinkcdc.connect.config.ConnectorConfig;
import io.mysqlflinkcdc.connect.config.TaskScope;
import io.mysqlflinkcdc.connect.engine.EngineWarmUp;
import io.mysqlflinkcdc.connect.engine.JobSupervisor;
import io.mysqlflinkcdc.connect.errors.ConnectionRetries;
import io.mysqlflinkcdc.connect.metrics.TaskMetrics;
import io.mysqlflinkcdc.connect.record.RecordBytes;
import io.mysqlflinkcdc.connect.signal.KafkaSignalChannel;

/**
 * Runs the embedded Flink CDC job of the task's tables and hands its records to Connect: wiring
 * and lifecycle only. {@link JobLauncher} decides where the job starts, {@link JobSupervisor} keeps
 * it running; {@link #poll()} drains the bounded hand-over, and the job's failure surfaces there,
 * after the records that preceded it.
 */
public class MySqlFlinkCdcSourceTask extends SourceTask {

    private static final Logger LOG = LoggerFactory.getLogger(MySqlFlinkCdcSourceTask.class);

    private ConnectorConfig config;
    private JobLauncher launcher;
    private JobSupervisor<SourceRecord> supervisor;
    private TaskMetrics metrics;
    /** The kafka signal channel, or null when off. */
    private KafkaSignalChannel kafkaSignals;
    /** Nothing left to read: an initial_only snapshot has completed. */
    private volatile boolean idle;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        try {
            config = ConnectorConfig.parse(props);
        } catch (ConfigException e) {
            throw new ConnectException("Invalid connector configuration: " + e.getMessage(), e);
        }
        EngineWarmUp.startOnce(config.mayRunMiniCluster());
        int taskIndex = config.taskScope().map(TaskScope::index).orElse(0);
        // Without a scope (the connector could not list the tables) the task lists them itself.
        launcher = new JobLauncher(config, taskIndex, () -> config.taskScope().map(TaskScope::tables)
                .orElseGet(() -> StartChecks.capturedTables(config)), context.offsetStorageReader());
        StartPlan plan = null;
        try {
            plan = launcher.plan();
        } catch (RetriableException e) {
            LOG.warn("{}; the job starts once the server answers", e.getMessage());
        }
        supervisor = new JobSupervisor<>(launcher, new ConnectionRetries(config.connectionRetryTimeout(),
                config.connectionRetryBackoffMax(), System::nanoTime), new JobSupervisor.Settings(
                config.hostname() + ":" + config.port(), config.maxQueueSize(), config.maxQueueBytes(),
                config.maxBatchSize(), config.pollInterval(), config.shutdownTimeout(), launcher::inBinlog,
                launcher::resumesAt, running -> metrics.jobRunning(running)), RecordBytes::of);
        metrics = TaskMetrics.start(config, taskIndex, JobLauncher.snapshotAtStart(plan), config.maxQueueSize(),
                supervisor::remainingCapacity);
        launcher.reportTo(metrics);
        if (plan instanceof StartPlan.Idle) {
            LOG.info("The initial_only snapshot of '{}' completed earlier; nothing left to read", launcher.name());
            idle = true;
            return;
        }
        try {
            supervisor.start();
        } catch (RuntimeException | Error e) {
            // Connect calls no stop() after a failed start: take the MBeans down here.
            metrics.close();
            throw e;
        }
        try {
            kafkaSignals = config.kafkaSignals().map(kafka -> KafkaSignalChannel.open(kafka.consumer(),
                    kafka.topic(), kafka.groupPrefix() + "." + config.topicPrefix() + "." + taskIndex,
                    config.topicPrefix())).orElse(null);
        } catch (KafkaException e) {
            stop();
            throw new ConnectException("Could not create the consumer of the kafka signal channel: " + e.getMessage()
                    + "; check signal.kafka.bootstrap.servers and signal.consumer.*", e);
        }
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        if (idle) {
            Thread.sleep(config.pollInterval().toMillis());
            return null;
        }
        if (launcher.takeRestartRequest()) {
            // A signal asked for a new snapshot; the records before are with Connect.
            supervisor.restart();
        } else if (launcher.takeHandBackRequest()) {
            supervisor.handBack();
        } else if (launcher.takeBackfillRequest()) {
            supervisor.startBackfill();
        }
        JobSupervisor.Poll<SourceRecord> polled = supervisor.poll();
        if (polled instanceof JobSupervisor.Poll.Records<SourceRecord> records) {
            List<SourceRecord> batch = launcher.delivering(records.records());
            if (kafkaSignals != null) {
                List<SourceRecord> signalled = launcher.signalled(kafkaSignals.poll());
                if (!signalled.isEmpty()) {
                    batch = new java.util.ArrayList<>(batch);
                    batch.addAll(signalled);
                }
            }
            return handing(batch);
        }
        if (polled instanceof JobSupervisor.Poll.Finished) {
            // Only a bounded (initial_only) job ends by itself; record that in the offsets once.
            LOG.info("The initial_only snapshot of '{}' completed", launcher.name());
            idle = true;
            return handing(launcher.snapshotOnlyCompleted());
        }
        // Nothing read: a snapshot's COMPLETED notice may be due now that Connect wrote its last rows.
        return handing(List.of());
    }

    private List<SourceRecord> handing(List<SourceRecord> records) {
        List<SourceRecord> batch = launcher.handing(records);
        // Counted here, on the task thread, so the progress log lines carry Connect's connector context.
        metrics.polled(batch);
        return batch.isEmpty() ? null : batch;
    }

    @Override
    public void commitRecord(SourceRecord record, RecordMetadata metadata) {
        launcher.written(record);
    }

    @Override
    public void commit() {
        if (kafkaSignals != null) {
            kafkaSignals.offsetsCommitted();
        }
    }

    @Override
    public void stop() {
        if (kafkaSignals != null) {
            kafkaSignals.close();
        }
        if (supervisor != null) {
            supervisor.close();
        }
        if (metrics != null) {
            metrics.close();
        }
    }
}
