package vn.tdkt.hub.ops;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import vn.tdkt.hub.store.Database;
import vn.tdkt.hub.store.LetterStore;

/**
 * The operations figures read when metrics are scraped: the intake group's lag per partition of the results
 * topic (end offset minus committed offset, from the broker), the outbox backlog and its oldest row, and the
 * letters by status (from the database). Each read has a short time-out; a failed read leaves its figures out.
 */
public final class Operations {

    /** The outbox: rows waiting to be published, and the creation time of the oldest (epoch ms, or -1). */
    public record Backlog(long rows, long oldestCreatedAt) {
    }

    private final Database db;
    private final Admin admin;
    private final String group;
    private final String resultsTopic;
    private final LetterStore letters = new LetterStore();

    public Operations(Database db, Admin admin, String group, String resultsTopic) {
        this.db = db;
        this.admin = admin;
        this.group = group;
        this.resultsTopic = resultsTopic;
    }

    public String resultsTopic() {
        return resultsTopic;
    }

    /**
     * The intake group's lag per partition of the results topic: records on the partition not yet committed by
     * the group (from the start of the partition when the group has committed nothing on it).
     */
    public Map<Integer, Long> intakeLag() throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(3, TimeUnit.SECONDS);
        var partitions = admin.describeTopics(java.util.List.of(resultsTopic)).allTopicNames()
                .get(3, TimeUnit.SECONDS).get(resultsTopic).partitions();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        partitions.forEach(p -> {
            latest.put(new TopicPartition(resultsTopic, p.partition()), OffsetSpec.latest());
            earliest.put(new TopicPartition(resultsTopic, p.partition()), OffsetSpec.earliest());
        });
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all()
                .get(3, TimeUnit.SECONDS);
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> starts = admin.listOffsets(earliest).all()
                .get(3, TimeUnit.SECONDS);
        Map<Integer, Long> lag = new TreeMap<>();
        ends.forEach((tp, end) -> {
            OffsetAndMetadata c = committed.get(tp);
            long from = c != null ? c.offset() : starts.get(tp).offset();
            lag.put(tp.partition(), Math.max(0, end.offset() - from));
        });
        return lag;
    }

    /** The outbox backlog. */
    public Backlog outbox() {
        return db.inTransaction(c -> {
            try (PreparedStatement st = c.prepareStatement("SELECT COUNT(*), MIN(created_at) FROM outbox");
                 ResultSet rs = st.executeQuery()) {
                rs.next();
                long rows = rs.getLong(1);
                long oldest = rs.getLong(2);
                return new Backlog(rows, rs.wasNull() ? -1 : oldest);
            }
        });
    }

    /** Letters by status (PENDING, SENDING, SENT, FAILED). */
    public Map<String, Long> letters() {
        return db.inTransaction(letters::countByStatus);
    }
}
