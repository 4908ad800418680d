package vn.tdkt.hub.workbook;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Supplier;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.apache.camel.Exchange;
import org.apache.camel.component.mail.MailMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.tdkt.hub.domain.registry.Registry;
import vn.tdkt.hub.domain.registry.Unit;
import vn.tdkt.hub.domain.submission.Reason;
import vn.tdkt.hub.domain.submission.SubmissionValidator;
import vn.tdkt.hub.domain.submission.Verdict;
import vn.tdkt.hub.domain.workbook.WorkbookReader;
import vn.tdkt.hub.feeds.UnitScoreMessage;
import vn.tdkt.hub.store.Database;
import vn.tdkt.hub.store.FeedQueries;
import vn.tdkt.hub.http.SubmissionApi;
import vn.tdkt.hub.store.IntakeStore;
import vn.tdkt.hub.store.SubmissionIds;

/**
 * E-mail intake of results workbooks (routes/mail-intake.camel.yaml). A mail to the intake mailbox from a unit's
 * registered address (and, where required, with {@code dkim=pass} or {@code spf=pass} in the relay's
 * {@code Authentication-Results}) carrying a filled workbook becomes one Submission, checked like the HTTP intake's
 * and published on {@code tdkt.results}; the sender gets an answer in Vietnamese: the scorecard once scored (or
 * that it is being scored), or every reason, cell by cell.
 *
 * <p>Each mail is handled once, also after a crash: it is recorded by its Message-ID before anything else
 * ({@code mail_intake}); a mail read again after its answer is skipped; one read again before its answer (a crash
 * in between) is handled again, and its submission id, derived from the Message-ID, makes it a duplicate at the
 * intake. A mail from an unknown or unauthenticated sender is recorded and not answered (no backscatter).
 */
public final class MailIntake {

    private static final Logger LOG = LoggerFactory.getLogger(MailIntake.class);

    /** What the route does with a mail: publish {@code json} under {@code key} (when not null), then send
     * {@code answer} (when not null), then {@link #done}. */
    public record Received(String messageKey, String key, byte[] json, String submissionId, String period,
                           String sender, String messageId, List<Reason> reasons, boolean duplicate) {

        /**
         * What the hub attests when it signs the published submission ({@link SubmissionApi#attest}): the sender,
         * checked against the unit's registered address.
         */
        public SubmissionApi.Decision attestation() {
            return new SubmissionApi.Decision(null, key, "mail:" + sender);
        }

        public boolean publish() {
            return json != null;
        }
    }

    /** Settings. */
    public record Settings(String address, boolean requireAuthResults, Duration scoreWait, String domain) {
    }

    private final Settings settings;
    private final Database db;
    private final IntakeStore store;
    private final FeedQueries feeds;
    private final SubmissionValidator validator;
    private final Supplier<Registry> registry;
    private final WorkbookReader reader;
    private final Clock clock;
    private final Session session = Session.getInstance(new Properties());

    public MailIntake(Settings settings, Database db, IntakeStore store, FeedQueries feeds,
                      SubmissionValidator validator, Supplier<Registry> registry, WorkbookReader reader, Clock clock) {
        this.settings = settings;
        this.db = db;
        this.store = store;
        this.feeds = feeds;
        this.validator = validator;
        this.registry = registry;
        this.reader = reader;
        this.clock = clock;
    }

    /** The intake mailbox's address (the answers' sender). */
    public String address() {
        return settings.address();
    }

    /** Reads one mail of the consumer; null when it was handled before (or is not to be handled at all). */
    public Received receive(Exchange exchange) throws MessagingException, IOException {
        Message mail = exchange.getIn(MailMessage.class) != null ? exchange.getIn(MailMessage.class).getOriginalMessage()
                : exchange.getIn().getBody(Message.class);
        String[] ids = mail.getHeader("Message-ID");
        String messageId = ids != null && ids.length > 0 ? ids[0].trim() : null;
        String sender = sender(mail);
        if (messageId == null || messageId.isEmpty()) {
            messageId = "<no-id-" + sha256(sender + "|" + mail.getSentDate() + "|" + mail.getSubject()) + ">";
        }
        String key = sha256(messageId);
        if (!claim(key, messageId, sender)) {
            LOG.info("Mail {} was handled before: skipped", messageId);
            return null;
        }
        Registry reg = registry.get();
        List<Unit> units = reg.units().values().stream()
                .filter(u -> u.email() != null && u.email().equalsIgnoreCase(sender)).toList();
        if (units.isEmpty()) {
            LOG.warn("Mail {} from {}: not a unit's registered address; not answered", messageId, sender);
            finish(key, "IGNORED", null);
            return null;
        }
        if (settings.requireAuthResults() && !authenticated(mail)) {
            LOG.warn("Mail {} from {}: no dkim=pass or spf=pass in Authentication-Results; not answered", messageId,
                    sender);
            finish(key, "IGNORED", null);
            return null;
        }
        String submissionId = "mail-" + key.substring(0, 40);
        List<byte[]> workbooks = workbooks(mail);
        if (workbooks.size() != 1) {
            return refused(key, sender, messageId, submissionId, null, List.of(new Reason(
                    vn.tdkt.hub.domain.submission.ReasonCode.SCHEMA, null, workbooks.isEmpty()
                    ? "Thư không có tệp bảng tính (.xlsx) đính kèm"
                    : "Thư có nhiều tệp bảng tính đính kèm; mỗi thư chỉ gửi một tệp")));
        }
        WorkbookReader.Outcome outcome = reader.read(workbooks.get(0), reg, null, null, submissionId,
                OffsetDateTime.now(clock).withOffsetSameInstant(WorkbookApi.VIETNAM));
        if (outcome instanceof WorkbookReader.Refused r) {
            return refused(key, sender, messageId, submissionId, null, r.reasons());
        }
        byte[] json = ((WorkbookReader.Read) outcome).json();
        Set<String> closed = db.inTransaction(store::closedPeriods);
        Verdict verdict = validator.validate(json, null, reg, closed::contains);
        String unit = verdict.unitCode();
        String period = verdict instanceof Verdict.Valid v ? v.submission().period() : null;
        if (units.stream().noneMatch(u -> u.code().equals(unit))) {
            return refused(key, sender, messageId, submissionId, period, List.of(new Reason(
                    vn.tdkt.hub.domain.submission.ReasonCode.UNAUTHORIZED, "unitCode", "Địa chỉ " + sender
                    + " không phải địa chỉ thư đã đăng ký của đơn vị " + unit)));
        }
        if (verdict instanceof Verdict.Invalid bad) {
            return refused(key, sender, messageId, submissionId, period, bad.reasons());
        }
        SubmissionIds.Key identity = new SubmissionIds.Key(unit, submissionId);
        boolean duplicate = db.inTransaction(c -> store.acceptedIds(c, List.of(identity))).contains(identity);
        return new Received(key, unit, duplicate ? null : json, submissionId, period, sender, messageId, List.of(),
                duplicate);
    }

    private Received refused(String key, String sender, String messageId, String submissionId, String period,
                             List<Reason> reasons) {
        return new Received(key, null, null, submissionId, period, sender, messageId, reasons, false);
    }

    /** The answer to the sender (a fixed Message-ID, so a repeated answer is recognisably the same). */
    public MimeMessage answer(Received r) throws MessagingException {
        StringBuilder text = new StringBuilder("Kính gửi đơn vị,\n\n");
        String subject;
        if (!r.reasons().isEmpty()) {
            subject = "Báo cáo kết quả thi đua không được tiếp nhận";
            text.append("Bảng tính gửi kèm thư ").append(r.messageId()).append(" không được tiếp nhận vì:\n\n");
            r.reasons().forEach(x -> text.append("- ").append(x.message()).append('\n'));
            text.append("\nĐơn vị vui lòng sửa bảng tính rồi gửi lại (thư mới).\n");
        } else {
            Optional<UnitScoreMessage> card = awaitScore(r);
            subject = "Đã tiếp nhận báo cáo kết quả thi đua năm " + r.period() + " - " + r.key();
            text.append("Hệ thống đã tiếp nhận báo cáo của đơn vị ").append(r.key()).append(" năm ").append(r.period())
                    .append(" (mã báo cáo ").append(r.submissionId()).append(").\n\n");
            if (card.isPresent()) {
                scorecard(text, card.get());
            } else {
                text.append("Báo cáo đang được chấm điểm; kết quả sẽ có trên bảng điều hành.\n");
            }
        }
        text.append("\nThư này được gửi tự động từ hệ thống thi đua - khen thưởng; vui lòng không trả lời.\n");
        MimeMessage m = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", "<ketqua-" + r.messageKey().substring(0, 32) + "@" + settings.domain() + ">");
            }
        };
        m.setFrom(new InternetAddress(settings.address()));
        m.setRecipients(Message.RecipientType.TO, InternetAddress.parse(r.sender()));
        m.setSubject(subject, "UTF-8");
        m.setHeader("In-Reply-To", r.messageId());
        m.setHeader("Auto-Submitted", "auto-replied");
        m.setText(text.toString(), "UTF-8");
        m.setSentDate(java.util.Date.from(clock.instant()));
        m.saveChanges();
        return m;
    }

    /** Records the mail as answered. */
    public void done(Received r) {
        finish(r.messageKey(), "ANSWERED", r.submissionId());
        LOG.info("Mail {} from {} answered ({})", r.messageId(), r.sender(),
                r.reasons().isEmpty() ? "accepted " + r.submissionId() : "refused");
    }

    private Optional<UnitScoreMessage> awaitScore(Received r) {
        long until = System.nanoTime() + settings.scoreWait().toNanos();
        do {
            SubmissionIds.Key identity = new SubmissionIds.Key(r.key(), r.submissionId());
            boolean accepted = db.inTransaction(c -> store.acceptedIds(c, List.of(identity))).contains(identity);
            if (accepted) {
                return Optional.ofNullable(feeds.scorecard(r.period(), r.key()));
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        } while (System.nanoTime() < until);
        return Optional.empty();
    }

    private static void scorecard(StringBuilder text, UnitScoreMessage card) {
        text.append("Kết quả chấm điểm hiện tại của đơn vị ").append(card.unitName()).append(" (khối ")
                .append(card.blockCode()).append("):\n");
        text.append("- Tổng điểm: ").append(plain(card.score())).append('\n');
        text.append("- Xếp loại: ").append(card.rating() == null ? "chưa xếp loại (chưa báo cáo đủ tiêu chí)"
                : vn.tdkt.hub.domain.registry.Rating.valueOf(card.rating()).vietnamese()).append('\n');
        if (!card.missingCriteria().isEmpty()) {
            text.append("- Tiêu chí chưa báo cáo: ").append(String.join(", ", card.missingCriteria())).append('\n');
        }
        text.append("\nĐiểm từng tiêu chí:\n");
        for (UnitScoreMessage.Line l : card.criteria()) {
            text.append("- ").append(l.criterion()).append(": ").append(plain(l.points())).append(" / ")
                    .append(plain(l.maxPoints())).append(" điểm\n");
        }
    }

    private static String plain(BigDecimal d) {
        return d == null ? "-" : d.toPlainString();
    }

    // ---- the mail --------------------------------------------------------------------------------------------

    private static String sender(Message mail) throws MessagingException {
        Address[] from = mail.getFrom();
        if (from == null || from.length != 1 || !(from[0] instanceof InternetAddress a) || a.getAddress() == null) {
            return "";
        }
        return a.getAddress().trim().toLowerCase(Locale.ROOT);
    }

    /** dkim=pass or spf=pass in an Authentication-Results header (set by the receiving relay). */
    static boolean authenticated(Message mail) throws MessagingException {
        String[] results = mail.getHeader("Authentication-Results");
        if (results == null) {
            return false;
        }
        for (String r : results) {
            String s = r.toLowerCase(Locale.ROOT);
            if (s.matches("(?s).*\\bdkim=pass\\b.*") || s.matches("(?s).*\\bspf=pass\\b.*")) {
                return true;
            }
        }
        return false;
    }

    /** The .xlsx attachments (by name or type), each read up to the upload limit plus one byte. */
    private List<byte[]> workbooks(Part part) throws MessagingException, IOException {
        List<byte[]> found = new ArrayList<>();
        collect(part, found, 0);
        return found;
    }

    private void collect(Part part, List<byte[]> found, int depth) throws MessagingException, IOException {
        if (depth > 5 || found.size() > 3) {
            return;
        }
        if (part.isMimeType("multipart/*")) {
            Multipart mp = (Multipart) part.getContent();
            for (int i = 0; i < mp.getCount() && i < 20; i++) {
                BodyPart bp = mp.getBodyPart(i);
                collect(bp, found, depth + 1);
            }
            return;
        }
        String name = part.getFileName();
        boolean xlsx = (name != null && name.toLowerCase(Locale.ROOT).matches(".*\\.xls[xm]?$"))
                || part.isMimeType(WorkbookApi.XLSX) || part.isMimeType("application/vnd.ms-excel*");
        if (xlsx) {
            try (InputStream in = part.getInputStream()) {
                found.add(in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, reader.limits().maxFileBytes() + 1)));
            }
        }
    }

    // ---- the record of handled mails ---------------------------------------------------------------------

    /** True when this mail is to be handled now: new, or received before but never answered (a crash). */
    private boolean claim(String key, String messageId, String sender) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE mail_intake SET copies = copies + 1 WHERE message_key = ?")) {
                ps.setString(1, key);
                if (ps.executeUpdate() > 0) {
                    try (PreparedStatement q = c.prepareStatement(
                            "SELECT status FROM mail_intake WHERE message_key = ?")) {
                        q.setString(1, key);
                        try (ResultSet rs = q.executeQuery()) {
                            return rs.next() && "RECEIVED".equals(rs.getString(1));
                        }
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO mail_intake (message_key, message_id, sender, "
                    + "status, copies, received_at) VALUES (?, ?, ?, 'RECEIVED', 1, ?)")) {
                ps.setString(1, key);
                ps.setString(2, messageId.length() > 1000 ? messageId.substring(0, 1000) : messageId);
                ps.setString(3, sender.length() > 320 ? sender.substring(0, 320) : sender);
                ps.setLong(4, clock.millis());
                ps.executeUpdate();
            }
            return true;
        });
    }

    private void finish(String key, String status, String submissionId) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE mail_intake SET status = ?, submission_id = ?, "
                    + "answered_at = ? WHERE message_key = ?")) {
                ps.setString(1, status);
                ps.setString(2, submissionId);
                ps.setLong(3, clock.millis());
                ps.setString(4, key);
                return ps.executeUpdate();
            }
        });
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
