package io.mysqlflinkcdc.connect.it;

/** The capture scenarios on the oldest supported worker (Kafka 3.9.x). */
class CaptureOnKafka3IT extends AbstractCaptureIT {

    @Override
    String kafkaVersion() {
        return ItSettings.kafkaVersions().get(0);
    }
}
