package io.mysqlflinkcdc.connect.it;

import java.util.Map;

/**
 * The capture scenarios with engine.runtime=mini-cluster, on the newest supported worker: every
 * job runs in an in-process Flink mini-cluster, as jobs of more than one reader always do (the
 * other capture classes run the default, where jobs of one reader run without a cluster).
 */
class CaptureOnMiniClusterIT extends AbstractCaptureIT {

    @Override
    String kafkaVersion() {
        return ItSettings.kafkaVersions().get(ItSettings.kafkaVersions().size() - 1);
    }

    @Override
    Map<String, String> connectorOverrides() {
        return Map.of("engine.runtime", "mini-cluster");
    }
}
