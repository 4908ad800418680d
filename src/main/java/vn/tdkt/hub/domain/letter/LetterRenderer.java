package vn.tdkt.hub.domain.letter;

import freemarker.cache.FileTemplateLoader;
import freemarker.core.PlainTextOutputFormat;
import freemarker.core.TemplateClassResolver;
import freemarker.ext.beans.BeansWrapper;
import freemarker.template.Configuration;
import freemarker.template.DefaultObjectWrapperBuilder;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import vn.tdkt.hub.domain.award.Award;
import vn.tdkt.hub.domain.award.AwardStatus;
import vn.tdkt.hub.domain.registry.Issuer;

/**
 * Renders the notification letter [thông báo khen thưởng] of an award (rulebook section 6, contracts.md "E-mail")
 * and the office's summary mail of a close, as HTML and plain text, from FreeMarker templates kept in a folder the
 * office can edit ({@code templates/} at the project root; {@code templates/README.md} lists the variables).
 *
 * <p>Templates: {@value #LETTER_HTML}, {@value #LETTER_TEXT}, {@value #SUMMARY_HTML}, {@value #SUMMARY_TEXT}. All
 * four are loaded when the renderer is built, so a missing or broken template stops the start. A template is read
 * again when its file changes (checked at most every {@link #UPDATE_DELAY}), so the office can edit it without a
 * restart.
 *
 * <p>Safety: {@code *.ftlh} templates produce HTML with every value escaped automatically; {@code *.ftl} produce
 * plain text. Every value of the model is a string, boolean, list or map built here (no Java object is exposed to
 * templates, {@code ?api} and {@code ?new} are disabled), and every person-supplied value is made a single line
 * first ({@link SafeText}: NFC, control characters such as CR and LF replaced by spaces). A template error fails the
 * rendering with an {@link IllegalStateException} instead of printing the error into the letter.
 */
public final class LetterRenderer {

    public static final String LETTER_HTML = "letter.html.ftlh";
    public static final String LETTER_TEXT = "letter.txt.ftl";
    public static final String SUMMARY_HTML = "summary.html.ftlh";
    public static final String SUMMARY_TEXT = "summary.txt.ftl";
    /** How long a template is used before its file is checked for changes. */
    public static final Duration UPDATE_DELAY = Duration.ofSeconds(2);

    private final Configuration config;
    private final Certificates certificates;

    /**
     * A renderer reading its templates from a folder, whose certificates carry no verification address and no
     * signature (checked by mail to the office).
     *
     * @throws IllegalArgumentException when the folder does not exist
     * @throws IllegalStateException    when a template is missing or does not parse
     */
    public LetterRenderer(Path templatesDir) {
        this(templatesDir, null);
    }

    /**
     * A renderer reading its templates from a folder, with the certificates it attaches (QR code of the
     * verification address, signature); null as {@link #LetterRenderer(Path)}.
     *
     * @throws IllegalArgumentException when the folder does not exist
     * @throws IllegalStateException    when a template is missing or does not parse
     */
    public LetterRenderer(Path templatesDir, Certificates certificates) {
        this.certificates = certificates;
        if (!Files.isDirectory(templatesDir)) {
            throw new IllegalArgumentException("No templates folder at " + templatesDir.toAbsolutePath());
        }
        config = new Configuration(Configuration.VERSION_2_3_34);
        try {
            config.setTemplateLoader(new FileTemplateLoader(templatesDir.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        config.setDefaultEncoding("UTF-8");
        config.setOutputEncoding("UTF-8");
        config.setLocale(Locale.forLanguageTag("vi-VN"));
        config.setLocalizedLookup(false);
        config.setNumberFormat("computer");
        config.setOutputFormat(PlainTextOutputFormat.INSTANCE);
        config.setRecognizeStandardFileExtensions(true);
        config.setTemplateUpdateDelayMilliseconds(UPDATE_DELAY.toMillis());
        config.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        config.setLogTemplateExceptions(false);
        config.setWrapUncheckedExceptions(true);
        config.setAPIBuiltinEnabled(false);
        config.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
        DefaultObjectWrapperBuilder wrapper = new DefaultObjectWrapperBuilder(Configuration.VERSION_2_3_34);
        wrapper.setExposureLevel(BeansWrapper.EXPOSE_NOTHING);
        config.setObjectWrapper(wrapper.build());
        for (String name : List.of(LETTER_HTML, LETTER_TEXT, SUMMARY_HTML, SUMMARY_TEXT)) {
            try {
                config.getTemplate(name);
            } catch (IOException e) {
                throw new IllegalStateException("Template " + name + " cannot be loaded: " + e.getMessage(), e);
            }
        }
    }

    /** The letter of an award, as HTML and plain text, with the letter's subject. */
    public RenderedLetter render(Letter letter, Issuer issuer) {
        Award award = letter.award();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("issuer", issuerModel(issuer));
        OfficialDate date = OfficialDate.of(letter.issuedOn());
        model.put("letter", map(
                "number", letter.letterNumber(),
                "day", date.day(), "month", date.month(), "year", date.year(),
                "placeAndDate", date.withPlace(issuer.place()),
                "subject", letter.subject(),
                "verificationCode", letter.verificationCode()));
        model.put("award", map(
                "id", award.awardId(), "code", award.awardCode().name(), "name", award.awardName(),
                "status", award.status().name(), "proposed", award.status() == AwardStatus.PROPOSED,
                "period", award.period()));
        model.put("recipient", map(
                "type", award.recipientType().name(), "name", award.recipientName(),
                "unitName", letter.recipientUnitName(), "unitEmail", letter.recipientUnitEmail()));
        model.put("reason", map(
                "rule", award.reason().rule(), "legalBasis", award.reason().legalBasis(),
                "facts", ReasonFacts.lines(award.reason().facts())));
        model.put("certificate", map(
                "signed", certificates != null && certificates.signed(),
                "signer", certificates == null ? "" : certificates.signerName(),
                "verifyUrl", certificates == null ? "" : certificates.verifyUrl(letter.verificationCode())));
        model.put("to", addressees(letter.to(), letter, issuer));
        model.put("cc", addressees(letter.cc(), letter, issuer));
        return new RenderedLetter(letter.subject(), process(LETTER_HTML, model), process(LETTER_TEXT, model));
    }

    /** The certificate attached to the letter (PDF): signed, with its QR code, when certificates are configured. */
    public byte[] certificate(Letter letter, Issuer issuer) {
        return certificates == null ? CertificatePdf.render(letter, issuer) : certificates.pdf(letter, issuer);
    }

    /**
     * The office's summary mail of a close: every award of the period (award, recipient, status, letter number).
     *
     * @param awards        the awards of the period, in the order to list them
     * @param letterNumbers awardId to letter number; absent for an award without a letter ({@code WITHHELD})
     */
    public RenderedLetter renderSummary(String period, List<Award> awards, Map<String, String> letterNumbers,
                                       Issuer issuer) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Award award : awards) {
            Object holdReason = award.reason().facts().get("holdReason");
            rows.add(map(
                    "id", award.awardId(), "code", award.awardCode().name(), "name", award.awardName(),
                    "recipient", award.recipientName(), "status", award.status().name(),
                    "statusText", statusText(award.status()),
                    "letterNumber", letterNumbers.getOrDefault(award.awardId(), ""),
                    "holdReason", holdReason == null ? "" : holdReason.toString()));
        }
        String subject = SafeText.line("Tổng hợp kết quả khen thưởng năm " + period);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("issuer", issuerModel(issuer));
        model.put("period", SafeText.line(period));
        model.put("subject", subject);
        model.put("awards", rows);
        model.put("counts", map(
                "total", String.valueOf(awards.size()),
                "granted", count(awards, AwardStatus.GRANTED),
                "proposed", count(awards, AwardStatus.PROPOSED),
                "withheld", count(awards, AwardStatus.WITHHELD)));
        return new RenderedLetter(subject, process(SUMMARY_HTML, model), process(SUMMARY_TEXT, model));
    }

    private String process(String templateName, Map<String, Object> model) {
        StringWriter out = new StringWriter();
        try {
            config.getTemplate(templateName).process(model, out);
        } catch (IOException e) {
            throw new UncheckedIOException("Template " + templateName + " cannot be read", e);
        } catch (TemplateException e) {
            throw new IllegalStateException("Template " + templateName + " failed: " + e.getMessage(), e);
        }
        return out.toString();
    }

    private static Map<String, Object> issuerModel(Issuer issuer) {
        return map("parent", issuer.parent(), "name", issuer.name(), "place", issuer.place(),
                "signerTitle", issuer.signerTitle(), "signerName", issuer.signerName(),
                "officeEmail", issuer.officeEmail());
    }

    /** Each address with the name it is listed under in "Nơi nhận": the recipient unit's or the office's. */
    private static List<Map<String, Object>> addressees(List<String> addresses, Letter letter, Issuer issuer) {
        return addresses.stream().map(address -> {
            boolean office = address.equals(issuer.officeEmail());
            String name = office ? issuer.name() : address.equals(letter.recipientUnitEmail())
                    ? letter.recipientUnitName() : address;
            return map("name", name, "email", address, "office", office);
        }).toList();
    }

    private static String statusText(AwardStatus status) {
        return switch (status) {
            case GRANTED -> "Khen thưởng";
            case PROPOSED -> "Đề nghị cấp trên khen thưởng";
            case WITHHELD -> "Tạm hoãn";
        };
    }

    private static String count(List<Award> awards, AwardStatus status) {
        return String.valueOf(awards.stream().filter(a -> a.status() == status).count());
    }

    /** A map of the given key-value pairs, in order; strings made safe single lines, null strings empty. */
    private static Map<String, Object> map(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            Object value = keyValues[i + 1];
            if (value == null || value instanceof String) {
                value = value == null ? "" : SafeText.line((String) value);
            }
            map.put((String) keyValues[i], value);
        }
        return map;
    }
}
