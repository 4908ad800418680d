package vn.tdkt.hub.intake;

/** A message to publish on Kafka: topic, key (may be null) and JSON value. */
public record OutboundMessage(String topic, String key, String payload) {
}
