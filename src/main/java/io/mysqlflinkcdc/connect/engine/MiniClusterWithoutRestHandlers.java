package io.mysqlflinkcdc.connect.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.blob.TransientBlobService;
import org.apache.flink.runtime.dispatcher.DispatcherGateway;
import org.apache.flink.runtime.dispatcher.SessionDispatcherFactory;
import org.apache.flink.runtime.dispatcher.runner.DefaultDispatcherRunnerFactory;
import org.apache.flink.runtime.entrypoint.component.DefaultDispatcherResourceManagerComponentFactory;
import org.apache.flink.runtime.entrypoint.component.DispatcherResourceManagerComponentFactory;
import org.apache.flink.runtime.leaderelection.LeaderElection;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.runtime.resourcemanager.ResourceManagerGateway;
import org.apache.flink.runtime.resourcemanager.StandaloneResourceManagerFactory;
import org.apache.flink.runtime.rest.RestEndpointFactory;
import org.apache.flink.runtime.rest.handler.RestHandlerConfiguration;
import org.apache.flink.runtime.rest.handler.RestHandlerSpecification;
import org.apache.flink.runtime.rest.handler.legacy.metrics.MetricFetcher;
import org.apache.flink.runtime.rpc.FatalErrorHandler;
import org.apache.flink.runtime.rpc.RpcSystem;
import org.apache.flink.runtime.webmonitor.WebMonitorEndpoint;
import org.apache.flink.runtime.webmonitor.retriever.LeaderGatewayRetriever;
import org.apache.flink.shaded.netty4.io.netty.channel.ChannelInboundHandler;
import org.apache.flink.util.Reference;

/**
 * A session mini-cluster as Flink builds one, but whose REST endpoint has no handlers. The
 * connector submits and watches its job through the cluster object, never over HTTP, and building
 * the ~100 handlers of Flink's REST API took 0.3 of the 0.9 s a cold cluster needs once its RPC
 * system is warm (docs/design.md, "Engine"). The endpoint itself still starts (on loopback, any
 * port), as the dispatcher's leader election and the cluster's shutdown expect it.
 */
final class MiniClusterWithoutRestHandlers extends MiniCluster {

    MiniClusterWithoutRestHandlers(MiniClusterConfiguration configuration, Supplier<Reference<RpcSystem>> rpcSystem) {
        super(configuration, rpcSystem);
    }

    /** Flink's session components (createSessionComponentFactory) with the endpoint below. */
    @Override
    protected DispatcherResourceManagerComponentFactory createDispatcherResourceManagerComponentFactory() {
        return new DefaultDispatcherResourceManagerComponentFactory(
                DefaultDispatcherRunnerFactory.createSessionRunner(SessionDispatcherFactory.INSTANCE),
                StandaloneResourceManagerFactory.getInstance(), new EndpointWithoutHandlers());
    }

    /** Flink's SessionRestEndpointFactory, making a plain endpoint instead of the dispatcher's. */
    private static final class EndpointWithoutHandlers implements RestEndpointFactory<DispatcherGateway> {

        @Override
        public WebMonitorEndpoint<DispatcherGateway> createRestEndpoint(
                Configuration configuration, LeaderGatewayRetriever<DispatcherGateway> dispatcher,
                LeaderGatewayRetriever<ResourceManagerGateway> resourceManager, TransientBlobService blobs,
                ScheduledExecutorService executor, MetricFetcher metrics, LeaderElection leaderElection,
                FatalErrorHandler errors) throws Exception {
            RestHandlerConfiguration rest = RestHandlerConfiguration.fromConfiguration(configuration);
            return new WebMonitorEndpoint<>(dispatcher, configuration, rest, resourceManager, blobs, executor, metrics,
                    leaderElection, RestEndpointFactory.createExecutionGraphCache(rest), errors) {
                @Override
                protected List<Tuple2<RestHandlerSpecification, ChannelInboundHandler>> initializeHandlers(
                        CompletableFuture<String> localAddress) {
                    // Mutable: the endpoint sorts what it gets.
                    return new ArrayList<>();
                }
            };
        }
    }
}
