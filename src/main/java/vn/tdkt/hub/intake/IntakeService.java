package vn.tdkt.hub.intake;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.tdkt.hub.config.Topics;
import vn.tdkt.hub.domain.registry.Block;
import vn.tdkt.hub.domain.registry.PeriodDef;
import vn.tdkt.hub.domain.registry.Registry;
import vn.tdkt.hub.domain.registry.Unit;
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
import vn.tdkt.hub.store.IntakeStore.ResultWrite;
import vn.tdkt.hub.store.IntakeStore.ScoreWrite;
import vn.tdkt.hub.store.OutboxStore;
import vn.tdkt.hub.store.StoredMembers;
import vn.tdkt.hub.store.StoredResult;
import vn.tdkt.hub.store.Version;

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
 */
public final class IntakeService {

    public static final ZoneOffset VIETNAM = ZoneOffset.ofHours(7);
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

    public IntakeService(Database db, IntakeStore store, OutboxStore outbox, Supplier<Registry> registry,
                         SubmissionValidator validator, Topics topics, Clock clock) {
        this(db, store, outbox, registry, validator, topics, clock, IntakeMetrics.NONE, SignatureCheck.OFF);
    }

    public IntakeService(Database db, IntakeStore store, OutboxStore outbox, Supplier<Registry> registry,
                         SubmissionValidator validator, Topics topics, Clock clock, IntakeMetrics metrics,
                         SignatureCheck signatures) {
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

    /** Decides, stores and scores a batch; returns the outbox messages to publish. */
    public OutboxBatch process(List<InboundRecord> records) {
        long started = System.nanoTime();
        Registry reg = registry.get();
        Set<String> closedBefore = db.inTransaction(store::closedPeriods);
        List<Checked> first = validateAll(records, reg, closedBefore);
        return db.inTransaction(c -> {
            store.lockPeriods(c, first.stream().filter(Checked::isValid)
                    .map(ch -> ((Verdict.Valid) ch.verdict()).submission().period()).toList());
            Set<String> closedNow = store.closedPeriods(c);
            List<Checked> checked = closedNow.equals(closedBefore) ? first : validateAll(records, reg, closedNow);
            return decide(c, records, checked, reg, started);
        });
    }

    /** A verdict, or the unexpected failure that prevented one. */
    private record Checked(Verdict verdict, RuntimeException failure) {
        boolean isValid() {
            return verdict instanceof Verdict.Valid;
        }
    }

    private List<Checked> validateAll(List<InboundRecord> records, Registry reg, Set<String> closed) {
        List<Checked> out = new ArrayList<>(records.size());
        for (InboundRecord r : records) {
            try {
                Verdict v = validator.validate(r.value(), r.key(), reg, closed::contains);
                var unsigned = signatures.check(r.headers(), r.value(), v.unitCode());
                if (unsigned.isPresent()) {
                    List<Reason> reasons = new ArrayList<>();
                    reasons.add(unsigned.get());
                    if (v instanceof Verdict.Invalid bad) {
                        reasons.addAll(bad.reasons());
                    }
                    v = new Verdict.Invalid(v.submissionId(), v.unitCode(), reasons);
                }
                out.add(new Checked(v, null));
            } catch (RuntimeException e) {
                LOG.error("Record {} could not be validated; parking it", r.source(), e);
                out.add(new Checked(null, e));
            }
        }
        return out;
    }

    private OutboxBatch decide(Connection c, List<InboundRecord> records, List<Checked> checked, Registry reg,
                               long started) throws SQLException {
        long nowMs = clock.millis();
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), VIETNAM);
        Set<String> seen = store.acceptedIds(c, checked.stream().map(Checked::verdict).filter(Objects::nonNull)
                .map(Verdict::submissionId).filter(Objects::nonNull).toList());
        List<OutboundMessage> out = new ArrayList<>();
        List<Submission> accepted = new ArrayList<>();
        List<String> sources = new ArrayList<>();
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
            if (id != null && seen.contains(id)) {
                duplicates++;
            } else if (v instanceof Verdict.Valid ok) {
                accepted.add(ok.submission());
                sources.add(r.source());
                seen.add(id);
            } else {
                List<Reason> reasons = ((Verdict.Invalid) v).reasons();
                reasons.stream().map(Reason::code).distinct().forEach(code -> rejected.merge(code, 1, Integer::sum));
                reject(c, r, v, reasons, nowMs, now, out);
            }
        }
        boolean[] fresh = store.insertSubmissions(c, accepted, sources, nowMs);
        List<Submission> applied = new ArrayList<>();
        for (int i = 0; i < fresh.length; i++) {
            if (fresh[i]) {
                applied.add(accepted.get(i));
            } else {
                duplicates++;
            }
        }
        apply(c, reg, applied, nowMs, now, out);
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

    private void apply(Connection c, Registry reg, List<Submission> subs, long nowMs, OffsetDateTime now,
                       List<OutboundMessage> out) throws SQLException {
        // period -> block code -> submissions (sorted maps: deterministic order of writes and messages)
        Map<String, Map<String, List<Submission>>> grouped = new TreeMap<>();
        for (Submission s : subs) {
            String block = reg.blockOf(s.period(), s.unitCode()).orElseThrow().code();
            grouped.computeIfAbsent(s.period(), p -> new TreeMap<>())
                    .computeIfAbsent(block, b -> new ArrayList<>()).add(s);
        }
        Function<String, String> unitName = code -> reg.unit(code).map(Unit::name).orElse(code);
        for (var periodEntry : grouped.entrySet()) {
            String period = periodEntry.getKey();
            PeriodDef def = reg.period(period).orElseThrow();
            Map<String, BlockStandings> recomputed = new LinkedHashMap<>();
            for (var blockEntry : periodEntry.getValue().entrySet()) {
                Block block = def.block(blockEntry.getKey()).orElseThrow();
                BlockStandings standings = applyToBlock(c, reg, period, block, blockEntry.getValue(), nowMs, now,
                        unitName, out);
                if (standings != null) {
                    recomputed.put(block.code(), standings);
                }
            }
            if (!recomputed.isEmpty()) {
                publishStandings(c, def, recomputed, unitName, nowMs, now, out);
            }
        }
    }

    /**
     * Applies the block's submissions (replacement rule), recomputes the whole block and records changed
     * scorecards. Returns the new standings, or null when no result or member count changed.
     */
    private BlockStandings applyToBlock(Connection c, Registry reg, String period, Block block, List<Submission> subs,
                                        long nowMs, OffsetDateTime now, Function<String, String> unitName,
                                        List<OutboundMessage> out) throws SQLException {
        Set<String> touchedUnits = subs.stream().map(Submission::unitCode).collect(Collectors.toSet());
        Map<String, Map<String, StoredResult>> results = store.loadResults(c, period, block.units());
        Map<String, StoredMembers> members = store.loadMembers(c, period, block.units());
        Map<String, Map<String, Version>> nominees = store.loadNomineeVersions(c, period, touchedUnits);
        Map<String, ResultWrite> resultWrites = new LinkedHashMap<>();
        boolean changed = false;
        for (Submission s : subs) {
            Version v = Version.of(s.submittedAt(), s.submissionId());
            Map<String, StoredResult> unitResults = results.computeIfAbsent(s.unitCode(), u -> new HashMap<>());
            for (ResultEntry e : s.results()) {
                StoredResult old = unitResults.get(e.criterion());
                if (old == null || v.isLaterThan(old.version())) {
                    StoredResult now2 = new StoredResult(e.target(), e.actual(), v);
                    unitResults.put(e.criterion(), now2);
                    String key = s.unitCode() + "\u0000" + e.criterion();
                    ResultWrite previous = resultWrites.get(key);
                    boolean exists = previous != null ? previous.exists() : old != null;
                    resultWrites.put(key, new ResultWrite(period, s.unitCode(), e.criterion(), now2, exists));
                    changed = true;
                }
            }
            if (s.members() != null) {
                StoredMembers old = members.get(s.unitCode());
                if (old == null || v.isLaterThan(old.version())) {
                    store.writeMembers(c, period, s.unitCode(), new StoredMembers(s.members(), v), old != null);
                    members.put(s.unitCode(), new StoredMembers(s.members(), v));
                    changed = true;
                }
            }
            Map<String, Version> unitNominees = nominees.computeIfAbsent(s.unitCode(), u -> new HashMap<>());
            for (Nominee n : s.nominees()) {
                Version old = unitNominees.get(n.staffCode());
                if (old == null || v.isLaterThan(old)) {
                    store.writeNominee(c, period, s.unitCode(), n.staffCode(), Json.write(n), v, old != null);
                    unitNominees.put(n.staffCode(), v);
                }
            }
        }
        store.writeResults(c, List.copyOf(resultWrites.values()));
        if (!changed) {
            return null;
        }
        BlockStandings standings = BlockScorer.score(period, block, reg.rules(),
                BlockInputs.of(block, results, members));
        recordChangedScorecards(c, period, block, standings, nowMs, now, unitName, out);
        return standings;
    }

    private void recordChangedScorecards(Connection c, String period, Block block, BlockStandings standings,
                                         long nowMs, OffsetDateTime now, Function<String, String> unitName,
                                         List<OutboundMessage> out) throws SQLException {
        Map<String, String> stored = store.loadScorecards(c, period, block.units());
        List<ScoreWrite> writes = new ArrayList<>();
        for (StandingRow row : standings.rows()) {
            var unit = row.unit();
            if (!unit.reported()) {
                continue; // a unit that has never reported has no UnitScore
            }
            UnitScoreMessage card = UnitScoreMessage.of(period, block.code(), unitName.apply(unit.unitCode()), unit,
                    now);
            String old = stored.get(unit.unitCode());
            if (old != null && Json.write(Json.read(old, UnitScoreMessage.class).content())
                    .equals(Json.write(card.content()))) {
                continue; // same content (compared as JSON: decimals and booleans as published)
            }
            String json = Json.write(card);
            writes.add(new ScoreWrite(period, unit.unitCode(), block.code(), unit.score(),
                    unit.rating() == null ? null : unit.rating().name(), unit.complete(), json, old != null));
            out.add(new OutboundMessage(topics.scores(), unit.unitCode(), json));
        }
        store.writeScores(c, writes, nowMs);
    }

    /**
     * New snapshots for the recomputed blocks, and for the other blocks of the period whose block rank moved
     * because of them. Each snapshot carries the next sequence number of its block.
     */
    private void publishStandings(Connection c, PeriodDef def, Map<String, BlockStandings> recomputed,
                                  Function<String, String> unitName, long nowMs, OffsetDateTime now,
                                  List<OutboundMessage> out) throws SQLException {
        String period = def.period();
        Map<String, BlockState> states = store.loadBlockStates(c, period);
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
            out.add(new OutboundMessage(topics.standings(), period + ":" + b.code(), json));
        }
    }
}
