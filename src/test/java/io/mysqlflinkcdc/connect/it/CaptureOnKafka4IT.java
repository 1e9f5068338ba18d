package io.mysqlflinkcdc.connect.it;

/** The capture scenarios on a current Kafka 4.x worker. */
class CaptureOnKafka4IT extends AbstractCaptureIT {

    @Override
    String kafkaVersion() {
        return ItSettings.kafkaVersions().get(1);
    }
}
