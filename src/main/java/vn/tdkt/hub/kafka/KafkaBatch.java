package vn.tdkt.hub.kafka;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.camel.support.DefaultMessage;

import vn.tdkt.hub.intake.InboundRecord;
import vn.tdkt.hub.intake.OutboundMessage;
import vn.tdkt.hub.intake.OutboxBatch;
import vn.tdkt.hub.intake.SignatureCheck;

/**
 * The only place that knows how camel-kafka represents a batch: turns the consumer's batch (a list of
 * exchanges) into plain {@link InboundRecord}s, outbox messages into producer messages, and commits the batch's
 * offsets once its outcome is durable.
 */
public final class KafkaBatch {

    /** The batch's records, free of Camel and Kafka types. */
    public List<InboundRecord> records(List<Exchange> batch) {
        List<InboundRecord> out = new ArrayList<>(batch.size());
        for (Exchange e : batch) {
            Message m = e.getMessage();
            Object key = m.getHeader(KafkaConstants.KEY);
            out.add(new InboundRecord(m.getHeader(KafkaConstants.TOPIC, String.class),
                    m.getHeader(KafkaConstants.PARTITION, Integer.class),
                    m.getHeader(KafkaConstants.OFFSET, Long.class),
                    key == null ? null : key.toString(),
                    m.getBody(byte[].class),
                    signatureHeaders(m)));
        }
        return out;
    }

    /** The record headers the intake reads (signatures), as raw bytes. */
    private static Map<String, byte[]> signatureHeaders(Message m) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (String name : List.of(SignatureCheck.ORG_HEADER, SignatureCheck.SIGNATURE_HEADER,
                SignatureCheck.ATTESTED_ORG_HEADER)) {
            Object v = m.getHeader(name);
            if (v instanceof byte[] b) {
                out.put(name, b);
            } else if (v != null) {
                out.put(name, v.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    /** Producer messages for an outbox batch: each carries its own topic and key. */
    public List<Message> messages(OutboxBatch batch, Exchange exchange) {
        List<Message> out = new ArrayList<>(batch.messages().size());
        for (OutboundMessage m : batch.messages()) {
            Message msg = new DefaultMessage(exchange.getContext());
            msg.setHeader(KafkaConstants.OVERRIDE_TOPIC, m.topic());
            if (m.key() != null) {
                msg.setHeader(KafkaConstants.KEY, m.key());
            }
            msg.setBody(m.payload());
            out.add(msg);
        }
        return out;
    }

    /**
     * Commits, for every partition in the batch, the offset after its last record (synchronously, on the
     * consumer thread). Called only after the batch's outcome is in the database and its messages are
     * acknowledged by the broker.
     */
    public void commit(List<Exchange> batch) {
        Map<Integer, Exchange> lastByPartition = new LinkedHashMap<>();
        for (Exchange e : batch) {
            lastByPartition.put(e.getMessage().getHeader(KafkaConstants.PARTITION, Integer.class), e);
        }
        for (Exchange last : lastByPartition.values()) {
            last.getMessage().getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class).commit();
        }
    }
}
