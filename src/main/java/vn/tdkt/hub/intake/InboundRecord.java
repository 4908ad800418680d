package vn.tdkt.hub.intake;

import java.util.Map;

/**
 * A record as read from Kafka, free of any Kafka or Camel type: where it came from, its key (null if none or
 * unreadable), its raw value and its headers.
 */
public record InboundRecord(String topic, int partition, long offset, String key, byte[] value,
                            Map<String, byte[]> headers) {

    public String source() {
        return topic + "/" + partition + "/" + offset;
    }
}
