package vn.tdkt.hub.intake;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.tdkt.hub.domain.VietnamTime;
import vn.tdkt.hub.config.Topics;
import vn.tdkt.hub.domain.registry.Block;
import vn.tdkt.hub.domain.registry.PeriodDef;
import vn.tdkt.hub.domain.registry.Registry;
import vn.tdkt.hub.domain.registry.Unit;
import vn.tdkt.hub.domain.results.BlockResults;
import vn.tdkt.hub.domain.results.Version;
import vn.tdkt.hub.domain.scoring.BlockRanking;
import vn.tdkt.hub.domain.scoring.BlockScorer;
import vn.tdkt.hub.domain.scoring.BlockStandings;
import vn.tdkt.hub.domain.scoring.StandingRow;
import vn.tdkt.hub.domain.submission.Nominee;
import vn.tdkt.hub.domain.submission.Reason;
import vn.tdkt.hub.domain.submission.ReasonCode;
import vn.tdkt.hub.domain.submission.Rejection;
import vn.tdkt.hub.domain.submission.ResultEntry;
import vn.tdkt.hub.domain.submission.Submission;
import vn.tdkt.hub.domain.submission.SubmissionValidator;
import vn.tdkt.hub.domain.submission.Verdict;
import vn.tdkt.hub.feeds.Json;
import vn.tdkt.hub.feeds.StandingsMessage;
import vn.tdkt.hub.feeds.UnitScoreMessage;
import vn.tdkt.hub.store.BlockState;
import vn.tdkt.hub.store.Database;
import vn.tdkt.hub.store.IntakeStore;
import vn.tdkt.hub.store.IntakeStore.MembersWrite;
import vn.tdkt.hub.store.IntakeStore.NomineeWrite;
import vn.tdkt.hub.store.IntakeStore.ResultsWrite;
import vn.tdkt.hub.store.IntakeStore.ScoreWrite;
import vn.tdkt.hub.store.IntakeStore.SubmissionRow;
import vn.tdkt.hub.store.OutboxStore;
import vn.tdkt.hub.store.SubmissionIds;

/**
 * Stage 1-2 of the flow: a batch of records from {@code tdkt.results} becomes, in ONE database transaction,
 * accepted submissions (results, members and nominees replaced by rulebook section 2), recomputed blocks
 * (scores, standings with a new sequence number), recorded rejections, and the outbox messages announcing all
 * of it. Every record gets exactly one outcome: accepted, duplicate (no change) or rejected.
 *
 * <p>Validation runs outside the transaction; the transaction locks the periods concerned first
 * ({@link IntakeStore#lockPeriods}) so that several hub instances never recompute a block concurrently, and
 * re-validates if a period was closed meanwhile. A record whose validation throws unexpectedly (a bug, not bad
 * input) is parked on the parking topic with the error, so it can never stall the route.
 *
 * <p>Speed: a block is recomputed from what the {@link BlockCache} kept of it (checked against the block's
 * snapshot sequence number in the database), and every table gets one JDBC batch per transaction. Validation and
 * block recomputation are shared between the calling (consumer) thread and the {@link ParallelMap} helpers, with
 * results in the serial order; everything that uses the transaction's connection stays on the calling thread.
 */
public final class IntakeService {

    private static final Logger LOG = LoggerFactory.getLogger(IntakeService.class);

    private final Database db;
    private final IntakeStore store;
    private final OutboxStore outbox;
    private final Supplier<Registry> registry;
    private final SubmissionValidator validator;
    private final Topics topics;
    private final Clock clock;
    private final IntakeMetrics metrics;
    private final SignatureCheck signatures;
    private final BlockCache cache;
    private final ParallelMap helpers;
    private final Consumer<OutboxBatch> handOver;
    /**
     * Held from a batch's transaction to its hand-over: with several consumer threads, one validates its batch
     * while another's transaction runs, but transactions follow each other (they would wait for the period lock
     * anyway), and each outbox is handed over before the next transaction begins, so the publisher receives the
     * batches in commit order (a unit's scorecards in the order they were computed) and the block cache is always
     * released by one transaction before the next claims it. Fair: batches are served in arrival order.
     */
    private final ReentrantLock serial = new ReentrantLock(true);
    /**
     * The closed periods as the last batch's transaction saw them: the next batch is validated against them,
     * then checked again under the period lock (and validated again in the rare case a close came in between).
     */
    private final java.util.concurrent.atomic.AtomicReference<Set<String>> lastClosed =
            new java.util.concurrent.atomic.AtomicReference<>();

    public IntakeService(Database db, IntakeStore store, OutboxStore outbox, Supplier<Registry> registry,
                         SubmissionValidator validator, Topics topics, Clock clock) {
        this(db, store, outbox, registry, validator, topics, clock, IntakeMetrics.NONE, SignatureCheck.OFF,
                new BlockCache(true), ParallelMap.SERIAL);
    }

    public IntakeService(Database db, IntakeStore store, OutboxStore outbox, Supplier<Registry> registry,
                         SubmissionValidator validator, Topics topics, Clock clock, IntakeMetrics metrics,
                         SignatureCheck signatures, BlockCache cache, ParallelMap helpers) {
        this(db, store, outbox, registry, validator, topics, clock, metrics, signatures, cache, helpers, b -> { });
    }

    /**
     * As above, {@code handOver} receiving each committed batch's outbox (for the publisher), in commit order
     * whichever consumer thread processed it.
     */
    public IntakeService(Database db, IntakeStore store, OutboxStore outbox, Supplier<Registry> registry,
                         SubmissionValidator validator, Topics topics, Clock clock, IntakeMetrics metrics,
                         SignatureCheck signatures, BlockCache cache, ParallelMap helpers,
                         Consumer<OutboxBatch> handOver) {
        this.handOver = handOver;
        this.cache = cache;
        this.helpers = helpers;
        this.metrics = metrics;
        this.signatures = signatures;
        this.db = db;
        this.store = store;
        this.outbox = outbox;
        this.registry = registry;
        this.validator = validator;
        this.topics = topics;
        this.clock = clock;
    }

    /**
     * Decides, stores and scores a batch, hands its outbox over to the publisher once committed, and returns it.
     * Thread-safe: several consumer threads may call it (see {@link #serial}).
     */
    public OutboxBatch process(List<InboundRecord> records) {
        long started = System.nanoTime();
        Registry reg = registry.get();
        Set<String> closedBefore = lastClosed.get();
        if (closedBefore == null) {
            closedBefore = db.inTransaction(store::closedPeriods);
        }
        Set<String> assumed = closedBefore;
        List<Checked> first = validateAll(records, reg, assumed);
        serial.lock();
        try {
            List<Runnable> afterCommit = new ArrayList<>();
            OutboxBatch batch = db.inTransaction(c -> {
                afterCommit.clear();
                Set<String> periods = new TreeSet<>();
                String previous = null; // a batch's records are nearly all of one period: skip the set's look-up
                for (Checked ch : first) {
                    if (ch.isValid() && !ch.submission().period().equals(previous)) {
                        previous = ch.submission().period();
                        periods.add(previous);
                    }
                }
                store.lockPeriods(c, periods);
                Set<String> closedNow = store.closedPeriods(c);
                afterCommit.add(() -> lastClosed.set(closedNow));
                List<Checked> checked = closedNow.equals(assumed) ? first : validateAll(records, reg, closedNow);
                return decide(c, records, checked, reg, started, afterCommit);
            });
            afterCommit.forEach(Runnable::run);
            handOver.accept(batch);
            return batch;
        } finally {
            serial.unlock();
        }
    }

    /**
     * A verdict, or the unexpected failure that prevented one. For a valid record, also what the transaction
     * needs of it that depends on the record alone ({@code version}, {@code submittedAt} and {@code source} as
     * stored), computed beside validation, on the helper threads, so that the serial transaction does less.
     */
    private record Checked(Verdict verdict, RuntimeException failure, Version version, String submittedAt,
                           String source) {
        static Checked of(Verdict v, InboundRecord r) {
            if (v instanceof Verdict.Valid ok) {
                Submission s = ok.submission();
                return new Checked(v, null, Version.of(s.submittedAt(), s.submissionId()),
                        s.submittedAt().toString(), r.source());
            }
            return new Checked(v, null, null, null, null);
        }

        boolean isValid() {
            return verdict instanceof Verdict.Valid;
        }

        Submission submission() {
            return ((Verdict.Valid) verdict).submission();
        }
    }

    private List<Checked> validateAll(List<InboundRecord> records, Registry reg, Set<String> closed) {
        return helpers.map(records, r -> check(r, reg, closed));
    }

    /** One record's verdict, signature included; thread-safe (batches are validated on several threads). */
    private Checked check(InboundRecord r, Registry reg, Set<String> closed) {
        try {
            Verdict v = validator.validate(r.value(), r.key(), reg, closed::contains);
            var unsigned = signatures.check(r.headers(), r.value(), v.unitCode());
            if (unsigned.isPresent()) {
                List<Reason> reasons = new ArrayList<>();
                reasons.add(unsigned.get());
                if (v instanceof Verdict.Invalid bad) {
                    reasons.addAll(bad.reasons());
                }
                v = new Verdict.Invalid(v.submissionId(), v.unitCode(), v.recordUnitCode(), reasons);
            }
            return Checked.of(v, r);
        } catch (RuntimeException e) {
            LOG.error("Record {} could not be validated; parking it", r.source(), e);
            return new Checked(null, e, null, null, null);
        }
    }

    private OutboxBatch decide(Connection c, List<InboundRecord> records, List<Checked> checked, Registry reg,
                               long started, List<Runnable> afterCommit) throws SQLException {
        long nowMs = clock.millis();
        OffsetDateTime now = VietnamTime.now(clock);
        // A submission's identity is its unit and id together (contracts.md). A valid record's duplicate is found
        // by its INSERT; an invalid record whose readable unit and well-formed id were accepted together before is
        // a duplicate too (no rejection): only those identities are looked up beforehand. A record without a
        // readable unitCode of its own (the key does not count) is never a duplicate.
        List<SubmissionIds.Key> invalidIds = new ArrayList<>();
        for (Checked ch : checked) {
            if (ch.verdict() instanceof Verdict.Invalid bad && bad.submissionId() != null
                    && bad.recordUnitCode() != null) {
                invalidIds.add(new SubmissionIds.Key(bad.recordUnitCode(), bad.submissionId()));
            }
        }
        Set<SubmissionIds.Key> seen = store.acceptedIds(c, invalidIds);
        List<OutboundMessage> out = new ArrayList<>();
        List<Checked> accepted = new ArrayList<>();
        int duplicates = 0;
        int parked = 0;
        Map<ReasonCode, Integer> rejected = new java.util.EnumMap<>(ReasonCode.class);
        for (int i = 0; i < records.size(); i++) {
            InboundRecord r = records.get(i);
            Checked ch = checked.get(i);
            if (ch.failure() != null) {
                park(r, ch.failure(), now, out);
                parked++;
                continue;
            }
            Verdict v = ch.verdict();
            String id = v.submissionId();
            SubmissionIds.Key key = id != null && v.recordUnitCode() != null
                    ? new SubmissionIds.Key(v.recordUnitCode(), id) : null;
            if (key != null && seen.contains(key)) {
                duplicates++;
            } else if (ch.isValid()) {
                accepted.add(ch);
                seen.add(key);
            } else {
                List<Reason> reasons = ((Verdict.Invalid) v).reasons();
                reasons.stream().map(Reason::code).distinct().forEach(code -> rejected.merge(code, 1, Integer::sum));
                reject(c, r, v, reasons, nowMs, now, out);
            }
        }
        boolean[] fresh = store.insertSubmissions(c, accepted.stream().map(ch -> new SubmissionRow(
                ch.submission(), ch.submittedAt(), ch.source())).toList(), nowMs);
        List<Checked> applied = new ArrayList<>();
        for (int i = 0; i < fresh.length; i++) {
            if (fresh[i]) {
                applied.add(accepted.get(i));
            } else {
                duplicates++;
            }
        }
        apply(c, reg, applied, nowMs, now, out, afterCommit);
        OutboxBatch batch = outbox.insert(c, out, nowMs);
        LOG.debug("Batch of {}: {} accepted, {} duplicates, rejected {}, {} parked", records.size(), applied.size(),
                duplicates, rejected, parked);
        metrics.batch(applied.size(), duplicates, rejected, parked, System.nanoTime() - started);
        return batch;
    }

    private void reject(Connection c, InboundRecord r, Verdict v, List<Reason> reasons, long nowMs,
                        OffsetDateTime now, List<OutboundMessage> out) throws SQLException {
        Rejection rejection = Rejection.of(r.value(), v.submissionId(), v.unitCode(), reasons,
                new Rejection.Source(r.topic(), r.partition(), r.offset()), now.toInstant());
        String json = Json.write(rejection);
        String codes = reasons.stream().map(x -> x.code().name()).distinct().collect(Collectors.joining(","));
        if (store.insertRejection(c, r.topic(), r.partition(), r.offset(), v.submissionId(), v.unitCode(), codes,
                nowMs, json)) {
            out.add(new OutboundMessage(topics.rejected(), v.unitCode(), json));
        }
    }

    private void park(InboundRecord r, RuntimeException failure, OffsetDateTime now, List<OutboundMessage> out) {
        Rejection record = Rejection.of(r.value(), null, r.key(), List.of(),
                new Rejection.Source(r.topic(), r.partition(), r.offset()), now.toInstant());
        Map<String, Object> parked = new LinkedHashMap<>();
        parked.put("parkedAt", now);
        parked.put("error", failure.getClass().getName() + ": " + failure.getMessage());
        parked.put("record", record);
        out.add(new OutboundMessage(topics.parked(), r.key(), Json.write(parked)));
    }

    // ---- applying accepted submissions ---------------------------------------------------------------------

    private void apply(Connection c, Registry reg, List<Checked> subs, long nowMs, OffsetDateTime now,
                       List<OutboundMessage> out, List<Runnable> afterCommit) throws SQLException {
        // period -> block code -> submissions (sorted maps: deterministic order of writes and messages)
        Map<String, Map<String, List<Checked>>> grouped = new TreeMap<>();
        for (Checked ch : subs) {
            Submission s = ch.submission();
            String block = reg.blockOf(s.period(), s.unitCode()).orElseThrow().code();
            grouped.computeIfAbsent(s.period(), p -> new TreeMap<>())
                    .computeIfAbsent(block, b -> new ArrayList<>()).add(ch);
        }
        Function<String, String> unitName = code -> reg.unit(code).map(Unit::name).orElse(code);
        List<MembersWrite> memberWrites = new ArrayList<>();
        List<NomineeWrite> nomineeWrites = new ArrayList<>();
        List<ResultsWrite> resultWrites = new ArrayList<>();
        List<ScoreWrite> scoreWrites = new ArrayList<>();
        for (var periodEntry : grouped.entrySet()) {
            String period = periodEntry.getKey();
            PeriodDef def = reg.period(period).orElseThrow();
            Map<String, BlockState> states = store.loadBlockStates(c, period);
            Map<String, BlockStandings> recomputed = new LinkedHashMap<>();
            Map<String, BlockCache.Entry> claimed = new LinkedHashMap<>();
            Set<String> nominating = periodEntry.getValue().values().stream().flatMap(List::stream)
                    .map(Checked::submission).filter(s -> !s.nominees().isEmpty()).map(Submission::unitCode)
                    .collect(Collectors.toCollection(TreeSet::new));
            Map<String, Map<String, Version>> nominees = nominating.isEmpty() ? new HashMap<>()
                    : store.loadNomineeVersions(c, period, nominating);
            // Claiming or loading the blocks uses the transaction's connection: here, on this thread. Recomputing
            // them touches nothing shared (a unit is in one block; its nominee map exists beforehand): on the
            // helper threads too. Their writes and messages are then taken in block order, as if serial.
            List<BlockWork> work = new ArrayList<>();
            for (var blockEntry : periodEntry.getValue().entrySet()) {
                Block block = def.block(blockEntry.getKey()).orElseThrow();
                BlockState state = states.get(block.code());
                BlockCache.Entry entry = cache.claim(period, block.code(), state == null ? 0 : state.seq(),
                        block.units());
                if (entry == null) {
                    entry = load(c, period, block);
                }
                claimed.put(block.code(), entry);
                blockEntry.getValue().forEach(ch -> nominees.computeIfAbsent(ch.submission().unitCode(),
                        u -> new HashMap<>()));
                work.add(new BlockWork(block, blockEntry.getValue(), entry));
            }
            List<BlockResult> done = helpers.map(work, w -> {
                Writes writes = Writes.empty();
                List<OutboundMessage> messages = new ArrayList<>();
                BlockStandings standings = applyToBlock(reg, period, w.block(), w.subs(), w.entry(), nominees, now,
                        unitName, messages, writes);
                return new BlockResult(w.block(), standings, messages, writes);
            }, 1);
            for (BlockResult r : done) {
                out.addAll(r.messages());
                resultWrites.addAll(r.writes().results());
                memberWrites.addAll(r.writes().members());
                nomineeWrites.addAll(r.writes().nominees());
                scoreWrites.addAll(r.writes().scores());
                if (r.standings() != null) {
                    recomputed.put(r.block().code(), r.standings());
                }
            }
            Map<String, Long> written = recomputed.isEmpty() ? Map.of()
                    : publishStandings(c, def, recomputed, states, unitName, nowMs, now, out);
            claimed.forEach((code, entry) -> {
                entry.seq = written.getOrDefault(code, entry.seq);
                afterCommit.add(() -> cache.release(period, code, entry));
            });
            written.forEach((code, seq) -> {
                if (!claimed.containsKey(code)) {
                    // only its block rank moved: its results are unchanged, a cached entry stays valid
                    afterCommit.add(() -> cache.advance(period, code, seq - 1, seq));
                }
            });
        }
        store.writeResults(c, resultWrites);
        store.writeMembers(c, memberWrites);
        store.writeNominees(c, nomineeWrites);
        store.writeScores(c, scoreWrites, nowMs);
    }

    /** The rows a batch writes, collected to be written in one JDBC batch per table. */
    private record Writes(List<ResultsWrite> results, List<MembersWrite> members, List<NomineeWrite> nominees,
                          List<ScoreWrite> scores) {
        static Writes empty() {
            return new Writes(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        }
    }

    /** A block to recompute: its submissions of the batch and its claimed (or loaded) entry. */
    private record BlockWork(Block block, List<Checked> subs, BlockCache.Entry entry) {
    }

    /** A recomputed block: its new standings (null: unchanged), its messages and rows in the serial order. */
    private record BlockResult(Block block, BlockStandings standings, List<OutboundMessage> messages,
                               Writes writes) {
    }

    /** A block as stored: results, member counts and the content of the units' last scorecards. */
    private BlockCache.Entry load(Connection c, String period, Block block) throws SQLException {
        Map<String, String> cards = new HashMap<>();
        Map<String, Long> sequences = new HashMap<>();
        store.loadScorecards(c, period, block.units()).forEach((unit, json) -> {
            UnitScoreMessage card = Json.read(json, UnitScoreMessage.class);
            cards.put(unit, Json.write(card.content()));
            sequences.put(unit, card.sequenceOrZero());
        });
        BlockCache.Entry entry = new BlockCache.Entry(0, block.units(), store.loadResults(c, period, block.units()),
                store.loadMembers(c, period, block.units()), cards);
        entry.cardSequence.putAll(sequences);
        return entry;
    }

    /**
     * Applies the block's submissions to its entry by the replacement rule ({@link BlockResults}), recomputes the whole block and records
     * changed scorecards. Returns the new standings, or null when no result or member count changed.
     */
    private BlockStandings applyToBlock(Registry reg, String period, Block block, List<Checked> subs,
                                        BlockCache.Entry entry, Map<String, Map<String, Version>> nominees,
                                        OffsetDateTime now, Function<String, String> unitName,
                                        List<OutboundMessage> out, Writes writes) {
        BlockResults.Changes changes = new BlockResults(entry.results, entry.members).apply(
                subs.stream().map(Checked::submission).toList(), subs.stream().map(Checked::version).toList(),
                nominees);
        for (BlockResults.NomineeChange n : changes.nominees()) {
            writes.nominees().add(new NomineeWrite(period, n.unitCode(), n.nominee().staffCode(),
                    Json.write(n.nominee()), n.version(), n.existed()));
        }
        for (String unit : changes.resultUnits()) {
            writes.results().add(new ResultsWrite(period, unit, entry.results.get(unit)));
        }
        for (BlockResults.MembersChange m : changes.members()) {
            writes.members().add(new MembersWrite(period, m.unitCode(), m.members(), m.existed()));
        }
        if (!changes.rescore()) {
            return null;
        }
        BlockStandings standings = BlockScorer.score(period, block, reg.rules(),
                BlockInputs.of(block, entry.results, entry.members));
        recordChangedScorecards(period, block, standings, entry, now, unitName, out, writes.scores());
        return standings;
    }

    private void recordChangedScorecards(String period, Block block, BlockStandings standings,
                                         BlockCache.Entry entry, OffsetDateTime now,
                                         Function<String, String> unitName, List<OutboundMessage> out,
                                         List<ScoreWrite> writes) {
        String stamp = null;
        for (StandingRow row : standings.rows()) {
            var unit = row.unit();
            if (!unit.reported()) {
                continue; // a unit that has never reported has no UnitScore
            }
            UnitScoreMessage card = UnitScoreMessage.of(period, block.code(), unitName.apply(unit.unitCode()), unit,
                    now);
            UnitScoreMessage value = card.content();
            if (value.equals(entry.cardValue.get(unit.unitCode()))) {
                continue; // the same content, value for value
            }
            String content = Json.write(value);
            String old = entry.cardContent.get(unit.unitCode());
            entry.cardValue.put(unit.unitCode(), value);
            if (content.equals(old)) {
                continue; // same content (compared as JSON: decimals and booleans as published)
            }
            stamp = stamp != null ? stamp : Json.write(now);
            long sequence = entry.cardSequence.getOrDefault(unit.unitCode(), 0L) + 1;
            entry.cardSequence.put(unit.unitCode(), sequence);
            String json = UnitScoreMessage.stampedJson(content, sequence, stamp);
            writes.add(new ScoreWrite(period, unit.unitCode(), block.code(), unit.score(),
                    unit.rating() == null ? null : unit.rating().name(), unit.complete(), json, old != null));
            entry.cardContent.put(unit.unitCode(), content);
            out.add(OutboundMessage.state(topics.scores(), unit.unitCode(), period + ":" + unit.unitCode(), json,
                    sequence));
        }
    }

    /**
     * New snapshots for the recomputed blocks, and for the other blocks of the period whose block rank moved
     * because of them. Each snapshot carries the next sequence number of its block.
     */
    private Map<String, Long> publishStandings(Connection c, PeriodDef def, Map<String, BlockStandings> recomputed,
                                               Map<String, BlockState> states, Function<String, String> unitName,
                                               long nowMs, OffsetDateTime now, List<OutboundMessage> out)
            throws SQLException {
        String period = def.period();
        Map<String, Long> written = new HashMap<>();
        List<BlockStandings> forRanking = new ArrayList<>();
        for (Block b : def.blocks()) {
            BlockState s = states.get(b.code());
            forRanking.add(recomputed.getOrDefault(b.code(),
                    new BlockStandings(period, b.code(), List.of(), s == null ? null : s.meanScore())));
        }
        Map<String, Integer> ranks = BlockRanking.rank(forRanking);
        for (Block b : def.blocks()) {
            BlockState old = states.get(b.code());
            Integer rank = ranks.get(b.code());
            long seq = old == null ? 1 : old.seq() + 1;
            StandingsMessage msg;
            if (recomputed.containsKey(b.code())) {
                msg = StandingsMessage.of(recomputed.get(b.code()), b.name(), unitName, seq, false, rank, now);
            } else if (old != null && old.standingsJson() != null && !Objects.equals(old.blockRank(), rank)) {
                msg = Json.read(old.standingsJson(), StandingsMessage.class).withSnapshot(seq, false, rank, now);
            } else {
                continue;
            }
            String json = Json.write(msg);
            store.writeBlockState(c, new BlockState(period, b.code(), seq, msg.meanScore(), rank, json), old != null,
                    nowMs);
            written.put(b.code(), seq);
            out.add(OutboundMessage.state(topics.standings(), period + ":" + b.code(), json, seq));
        }
        return written;
    }
}
