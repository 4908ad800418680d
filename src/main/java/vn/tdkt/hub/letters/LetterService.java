package vn.tdkt.hub.letters;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.tdkt.hub.domain.VietnamTime;
import vn.tdkt.hub.config.Topics;
import vn.tdkt.hub.domain.award.Award;
import vn.tdkt.hub.domain.award.AwardCode;
import vn.tdkt.hub.domain.award.AwardStatus;
import vn.tdkt.hub.domain.award.RecipientType;
import vn.tdkt.hub.domain.letter.CertificatePdf;
import vn.tdkt.hub.domain.letter.Letter;
import vn.tdkt.hub.domain.letter.LetterRenderer;
import vn.tdkt.hub.domain.letter.RenderedLetter;
import vn.tdkt.hub.domain.letter.VerificationCode;
import vn.tdkt.hub.domain.registry.Issuer;
import vn.tdkt.hub.domain.registry.Registry;
import vn.tdkt.hub.feeds.AwardEventMessage;
import vn.tdkt.hub.feeds.Json;
import vn.tdkt.hub.feeds.LetterEventMessage;
import vn.tdkt.hub.intake.OutboundMessage;
import vn.tdkt.hub.intake.OutboxBatch;
import vn.tdkt.hub.store.Database;
import vn.tdkt.hub.store.FeedQueries;
import vn.tdkt.hub.store.LetterStore;
import vn.tdkt.hub.store.LetterStore.Claim;
import vn.tdkt.hub.store.OutboxStore;

/**
 * Stage 5: the notification letters. The letter rows written at the close (numbered, PENDING) are the outbox of
 * mails: this service claims the due ones (a lease, so one instance sends each), renders letter and certificate,
 * and records the outcome with its LetterEvent in one transaction. A send that was interrupted (its lease ran
 * out) is first checked against the office's mailbox by Message-ID, so it is never sent twice. Failed sends are
 * retried with exponential back-off; when the attempts run out the letter is FAILED (a FAILED LetterEvent is
 * published) until the office resends it.
 */
public final class LetterService {

    private static final Logger LOG = LoggerFactory.getLogger(LetterService.class);

    /**
     * Sending policy: attempts, back-off, claim lease (renewed while the letters loop is alive), batch, and how long
     * the letters loop may go without a sign of progress before it counts as stalled (its leases are then no longer
     * renewed, so another instance takes its letters over, and readiness is DOWN).
     */
    public record Policy(int maxAttempts, long backoffMs, long maxBackoffMs, long leaseMs, int batch, long stallMs) {
    }

    /** A claimed letter ready to send: the mail, or {@code delivered} when the office already has it. */
    public record Job(Claim claim, MimeMessage mail, String messageId, String verificationCode,
                      List<String> to, List<String> cc, boolean delivered) {
    }

    private final Database db;
    private final LetterStore store;
    private final FeedQueries feeds;
    private final OutboxStore outbox;
    private final Supplier<Registry> registry;
    private final LetterRenderer renderer;
    private final byte[] secret;
    private final String mailDomain;
    private final DeliveryCheck deliveryCheck;
    private final Path emlDir;
    private final Topics topics;
    private final Clock clock;
    private final Policy policy;
    private final String owner;
    private final String claimPrefix;
    private final LetterOutcomes outcomes;
    /** The last sign of progress of the letters loop (a pass began, a letter is about to go out), epoch ms. */
    private volatile long lastBeat;
    private volatile boolean earlierRunsReleased;

    /** Counts letters by outcome (metrics). */
    @FunctionalInterface
    public interface LetterOutcomes {
        void letter(String status);
    }

    public LetterService(Database db, LetterStore store, OutboxStore outbox, Supplier<Registry> registry,
                         LetterRenderer renderer, byte[] secret, String mailDomain, DeliveryCheck deliveryCheck,
                         Path emlDir, Topics topics, Clock clock, Policy policy, String owner,
                         String claimPrefix, LetterOutcomes outcomes) {
        this.db = db;
        this.store = store;
        this.feeds = new FeedQueries(db);
        this.outbox = outbox;
        this.registry = registry;
        this.renderer = renderer;
        this.secret = secret.clone();
        this.mailDomain = mailDomain;
        this.deliveryCheck = deliveryCheck;
        this.emlDir = emlDir;
        this.topics = topics;
        this.clock = clock;
        this.policy = policy;
        this.owner = owner;
        this.claimPrefix = claimPrefix;
        this.outcomes = outcomes;
        this.lastBeat = clock.millis();
    }

    /**
     * Claims the due letters and prepares their mails. On the first pass, the claims of this instance's earlier
     * runs (interrupted by its restart) are released first, so they are due at once.
     */
    public List<Job> due() {
        long now = clock.millis();
        lastBeat = now;
        if (!earlierRunsReleased) {
            int released = claimPrefix == null ? 0
                    : db.inTransaction(c -> store.releaseEarlierRuns(c, claimPrefix, owner));
            earlierRunsReleased = true;
            if (released > 0) {
                LOG.info("{} letter(s) claimed before this instance's restart are due again (checked against the "
                        + "office mailbox before any new attempt)", released);
            }
        }
        List<Claim> claims = db.inTransaction(c -> store.claimDue(c, owner, now, now + policy.leaseMs(),
                policy.batch()));
        List<Job> jobs = new ArrayList<>(claims.size());
        for (Claim k : claims) {
            lastBeat = clock.millis();
            try {
                jobs.add(prepare(k));
            } catch (RuntimeException e) {
                // a broken template, an unreadable office mailbox...: counted as a failed attempt
                failed(new Job(k, null, null, null, List.of(), List.of(), false), e.toString());
            }
        }
        return jobs;
    }

    private Job prepare(Claim k) {
        Registry reg = registry.get();
        Issuer issuer = reg.issuer();
        Date date = Date.from(clock.instant());
        if (LetterStore.SUMMARY.equals(k.kind())) {
            List<Award> awards = feeds.awards(k.period()).stream().map(LetterService::toAward).toList();
            Map<String, String> numbers = db.inTransaction(c -> store.letterNumbers(c, k.period()));
            RenderedLetter r = renderer.renderSummary(k.period(), awards, numbers, issuer);
            String messageId = "<summary-" + k.period() + "@" + mailDomain + ">";
            MimeMessage mail = MailComposer.compose(new MailComposer.Mail(messageId, issuer.officeEmail(),
                    issuer.name(), List.of(issuer.officeEmail()), List.of(), r.subject(), r.html(), r.text(), null,
                    null), date);
            return new Job(k, mail, messageId, null, List.of(issuer.officeEmail()), List.of(),
                    k.uncertain() && deliveryCheck.delivered(messageId));
        }
        Award award = toAward(Json.read(db.inTransaction(c -> store.awardEvent(c, k.id())), AwardEventMessage.class));
        String code = VerificationCode.of(award.awardId(), k.letterNumber(), secret);
        Letter letter = Letter.of(award, reg, k.letterNumber(), LocalDate.parse(k.issuedOn()), code, mailDomain);
        RenderedLetter r = renderer.render(letter, issuer);
        MimeMessage mail = MailComposer.compose(new MailComposer.Mail(letter.messageId(), issuer.officeEmail(),
                issuer.name(), letter.to(), letter.cc(), letter.subject(), r.html(), r.text(),
                renderer.certificate(letter, issuer), CertificatePdf.attachmentFileName(letter)), date);
        return new Job(k, mail, letter.messageId(), code, letter.to(), letter.cc(),
                k.uncertain() && deliveryCheck.delivered(letter.messageId()));
    }

    /**
     * Just before a claimed mail goes out: true while this instance still holds the claim (its lease is then
     * extended); false when another instance took it over meanwhile, and this instance must not send it.
     */
    public boolean holds(Job job) {
        long now = clock.millis();
        lastBeat = now;
        boolean held = db.inTransaction(c -> store.holdClaim(c, job.claim(), owner, now + policy.leaseMs()));
        if (!held) {
            LOG.warn("Letter {}: the claim was taken over by another instance; not sent by this one", job.claim().id());
        }
        return held;
    }

    /**
     * The leases' heartbeat: while the letters loop is alive, the leases of this instance's claims are extended, so
     * a short lease never runs out under a live sender; when the instance dies (or its loop stalls) they run out
     * within one lease and another instance takes the letters over. Returns the number of claims renewed.
     */
    public int renewLeases() {
        long now = clock.millis();
        if (!loopAlive(now)) {
            LOG.warn("The letters loop has shown no progress for {} ms: its claims are left to run out", now - lastBeat);
            return 0;
        }
        return db.inTransaction(c -> store.renewLeases(c, owner, now + policy.leaseMs()));
    }

    /** True while the letters loop showed progress within the stall limit. */
    public boolean loopAlive(long now) {
        return now - lastBeat <= policy.stallMs();
    }

    /** Milliseconds since the letters loop's last sign of progress. */
    public long sinceLastBeat() {
        return clock.millis() - lastBeat;
    }

    /** The claim owner of this run ({@code identity/run}). */
    public String owner() {
        return owner;
    }

    /** The mail went out (or was found already delivered): SENT, with its LetterEvent, and a copy as .eml. */
    public OutboxBatch sent(Job job) {
        saveEml(job);
        OutboxBatch batch = finish(job, "SENT", null, 0);
        outcomes.letter("SENT");
        return batch;
    }

    /** The send failed: retried later with back-off, or FAILED when the attempts have run out. */
    public OutboxBatch failed(Job job, String error) {
        int attempts = job.claim().attempts();
        boolean exhausted = attempts >= policy.maxAttempts();
        long delay = Math.min(policy.maxBackoffMs(), policy.backoffMs() << Math.min(20, attempts - 1));
        LOG.warn("Letter {} not sent (attempt {} of {}): {}", job.claim().id(), attempts, policy.maxAttempts(), error);
        OutboxBatch batch = finish(job, exhausted ? "FAILED" : "PENDING", error, exhausted ? 0 : delay);
        if (exhausted) {
            outcomes.letter("FAILED");
        }
        return batch;
    }

    private OutboxBatch finish(Job job, String status, String error, long delay) {
        long now = clock.millis();
        Claim k = job.claim();
        return db.inTransaction(c -> {
            if (!store.finish(c, k, owner, status, job.messageId(), job.verificationCode(), error, now + delay, now)) {
                LOG.warn("Letter {}: the claim was taken over meanwhile; its outcome is left to the new owner", k.id());
                return OutboxBatch.EMPTY;
            }
            if (LetterStore.SUMMARY.equals(k.kind()) || "PENDING".equals(status)) {
                return OutboxBatch.EMPTY;
            }
            LetterEventMessage event = new LetterEventMessage(k.id(), k.letterNumber(), job.to(), job.cc(), status,
                    k.attempts(), job.messageId(), error, OffsetDateTime.ofInstant(clock.instant(),
                    VietnamTime.OFFSET));
            return outbox.insert(c, List.of(OutboundMessage.state(topics.letters(), k.id(), Json.write(event),
                    store.nextEventSeq(c, k.id()))), now);
        });
    }

    /** The office resends a FAILED letter. */
    public boolean resend(String awardId) {
        return db.inTransaction(c -> store.resend(c, awardId, clock.millis()));
    }

    /** The award a verification code was issued for, or null for a code the hub never issued. */
    public Map<String, Object> verify(String code) {
        String normalised = code == null ? "" : code.trim().toUpperCase();
        return db.inTransaction(c -> {
            Map<String, String> letter = store.byVerificationCode(c, normalised);
            if (letter == null || !VerificationCode.matches(normalised, letter.get("awardId"),
                    letter.get("letterNumber"), secret)) {
                return null;
            }
            AwardEventMessage a = Json.read(store.awardEvent(c, letter.get("awardId")), AwardEventMessage.class);
            return Map.of("valid", true, "awardId", a.awardId(), "awardName", a.awardName(),
                    "recipientName", a.recipientName(), "period", a.period(),
                    "letterNumber", letter.get("letterNumber"), "issuedOn", letter.get("issuedOn"),
                    "letterStatus", letter.get("status"));
        });
    }

    private void saveEml(Job job) {
        if (emlDir == null || job.delivered()) {
            return;
        }
        String name = MailComposer.emlFileName(job.claim().letterNumber(), job.claim().period());
        try {
            Files.createDirectories(emlDir);
            try (OutputStream out = Files.newOutputStream(emlDir.resolve(name))) {
                job.mail().writeTo(out);
            }
        } catch (IOException | MessagingException e) {
            LOG.warn("Could not save {} to {}: {}", name, emlDir, e.toString());
        }
    }

    static Award toAward(AwardEventMessage a) {
        return new Award(a.awardId(), a.period(), AwardCode.valueOf(a.awardCode()), a.awardName(),
                AwardStatus.valueOf(a.status()), RecipientType.valueOf(a.recipientType()), a.unitCode(),
                a.blockCode(), a.staffCode(), a.fullName(), a.recipientName(), a.reason());
    }
}
