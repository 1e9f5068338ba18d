package io.mysqlflinkcdc.connect.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.util.FileUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The embedded cluster's REST endpoint answers nothing, where Flink's own serves its API; jobs
 * still run on it (EmbeddedCdcJobTest). A Flink release that changes how a mini-cluster builds its
 * dispatcher, resource manager or endpoint fails to compile or fails here.
 */
class MiniClusterWithoutRestHandlersTest {

    @Test
    @Timeout(120)
    void itsRestEndpointServesNoApiWhereFlinksOwnDoes() throws Exception {
        assertEquals(200, overviewStatus(false), "Flink's own mini-cluster serves /overview");
        assertEquals(404, overviewStatus(true), "the connector's serves nothing");
    }

    private static int overviewStatus(boolean withoutHandlers) throws Exception {
        Path tmp = Files.createTempDirectory("rest-test-");
        MiniClusterConfiguration configuration = new MiniClusterConfiguration.Builder()
                .setConfiguration(FlinkConfigurations.miniCluster(1, tmp, tmp.toUri().toURL()))
                .setNumTaskManagers(1).setNumSlotsPerTaskManager(1).build();
        var rpcSystem = SharedRpcSystem.borrow();
        MiniCluster cluster = withoutHandlers ? new MiniClusterWithoutRestHandlers(configuration, () -> rpcSystem)
                : new MiniCluster(configuration, () -> rpcSystem);
        try {
            cluster.start();
            URI overview = cluster.getRestAddress().get(30, TimeUnit.SECONDS).resolve("/overview");
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(overview).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } finally {
            cluster.closeAsync().get(30, TimeUnit.SECONDS);
            FileUtils.deleteDirectoryQuietly(tmp.toFile());
        }
    }
}
