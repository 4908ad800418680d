package vn.tdkt.hub.domain.letter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;

import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

import vn.tdkt.hub.domain.award.Award;
import vn.tdkt.hub.domain.award.AwardStatus;
import vn.tdkt.hub.domain.award.RecipientType;
import vn.tdkt.hub.domain.registry.Issuer;

/**
 * The certificate [bằng khen / cờ thi đua] attached to a letter (rulebook section 6): one landscape A4 page with the
 * national name and motto, the issuer, the award name, the recipient, the period, the letter number, the place and
 * date of issue, the signer and the verification code; with a verification address, also a QR code of that address
 * (bottom centre, drawn as vector squares, error correction level M) and the address in text.
 *
 * <p>Text is drawn as text (extractable, searchable) in the bundled DejaVu Serif fonts ({@code /fonts} on the class
 * path, Bitstream Vera licence, subset-embedded), which cover Vietnamese; nothing is read from the machine's fonts.
 * Every value is normalised to NFC and made one line first ({@link SafeText}); a character the font lacks (CJK,
 * emoji, ...) is drawn as {@code ?}. A text too wide for its place is set smaller, then wrapped, and cut with
 * {@code …} only when even the smallest size on the allowed lines cannot hold it.
 *
 * <p>Choices where the spec is silent: a {@code PROPOSED} award's PDF (its letter goes to the office) reads
 * "ĐỀ NGHỊ CẤP TRÊN TẶNG" instead of "TẶNG", as a record of the proposal; the PDF's creation date is the date of
 * issue (midnight, Vietnam time), so rendering a letter again gives the same document information.
 */
public final class CertificatePdf {

    private static final byte[] REGULAR = font("/fonts/DejaVuSerif.ttf");
    private static final byte[] BOLD = font("/fonts/DejaVuSerif-Bold.ttf");
    /**
     * The two fonts parsed once per thread (parsing them took a quarter of a certificate's time); a parsed font
     * is read while a subset is embedded, so threads do not share one.
     */
    private static final ThreadLocal<TrueTypeFont[]> PARSED = ThreadLocal.withInitial(() -> new TrueTypeFont[] {
        parse(REGULAR), parse(BOLD)});
    private static final ZoneOffset VIETNAM = ZoneOffset.ofHours(7);

    private static final PDRectangle PAGE = new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth());
    private static final float CENTER = PAGE.getWidth() / 2;
    private static final float TEXT_WIDTH = 700;
    private static final float COLUMN_WIDTH = 300;
    /** The QR code: a square this wide, bottom centre, between the two footer columns. */
    private static final float QR_SIZE = 68;
    private static final float QR_BOTTOM = 40;
    private static final float LEFT_COLUMN = 215;
    private static final float RIGHT_COLUMN = 615;
    private static final float LINE_SPACING = 1.25f;
    private static final float[] RED = {0.62f, 0.08f, 0.08f};
    private static final float[] GOLD = {0.72f, 0.56f, 0.16f};
    private static final float[] BLACK = {0, 0, 0};
    private static final int MAX_FILE_NAME_BYTES = 200;

    private CertificatePdf() {
    }

    private static TrueTypeFont parse(byte[] font) {
        try {
            return new TTFParser().parse(new RandomAccessReadBuffer(font));
        } catch (IOException e) {
            throw new UncheckedIOException("Bundled font cannot be parsed", e);
        }
    }

    /** The certificate of a letter, as PDF bytes, without a verification address (checked by mail to the office). */
    public static byte[] render(Letter letter, Issuer issuer) {
        return render(letter, issuer, null);
    }

    /**
     * The certificate of a letter, as PDF bytes, with a QR code of its public verification address
     * ({@code verifyUrl}, e.g. https://tdkt.hanam.gov.vn/verify/7KD2-9QXM-0BWT-4HCE); null: none.
     */
    public static byte[] render(Letter letter, Issuer issuer, String verifyUrl) {
        try (PDDocument doc = new PDDocument()) {
            TrueTypeFont[] fonts = PARSED.get();
            PDFont regular = PDType0Font.load(doc, fonts[0], true);
            PDFont bold = PDType0Font.load(doc, fonts[1], true);
            PDPage page = new PDPage(PAGE);
            doc.addPage(page);
            info(doc.getDocumentInformation(), letter, issuer);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                Canvas canvas = new Canvas(cs, regular, bold);
                canvas.borders();
                body(canvas, letter, issuer);
                footer(canvas, letter, issuer, verifyUrl);
                if (verifyUrl != null) {
                    canvas.qr(verifyUrl, CENTER - QR_SIZE / 2, QR_BOTTOM, QR_SIZE);
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Certificate of " + letter.awardId() + " cannot be rendered", e);
        }
    }

    /** National name and motto, issuer, award, recipient and period, from the top down. */
    private static void body(Canvas c, Letter letter, Issuer issuer) throws IOException {
        Award award = letter.award();
        float y = PAGE.getHeight() - 62;
        y = c.centered(c.bold(), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13, 13, 1, y, CENTER, TEXT_WIDTH, BLACK);
        y = c.centered(c.bold(), "Độc lập - Tự do - Hạnh phúc", 13, 13, 1, y, CENTER, TEXT_WIDTH, BLACK);
        c.rule(CENTER, y - 1, 180);
        y = c.centered(c.bold(), issuer.parent(), 15, 10, 1, y - 18, CENTER, TEXT_WIDTH, BLACK);
        y = c.centered(c.bold(), issuer.name(), 13, 9, 1, y, CENTER, TEXT_WIDTH, BLACK);
        String verb = award.status() == AwardStatus.PROPOSED ? "ĐỀ NGHỊ CẤP TRÊN TẶNG" : "TẶNG";
        y = c.centered(c.regular(), verb, 14, 14, 1, y - 24, CENTER, TEXT_WIDTH, BLACK);
        y = c.centered(c.bold(), award.awardName(), 34, 16, 2, y - 12, CENTER, TEXT_WIDTH, RED);
        y = c.centered(c.bold(), award.recipientName(), 26, 12, 2, y - 10, CENTER, TEXT_WIDTH, BLACK);
        if (award.recipientType() != RecipientType.UNIT) {
            String unit = award.recipientType() == RecipientType.BLOCK
                    ? "Đơn vị trưởng khối: " + letter.recipientUnitName() : letter.recipientUnitName();
            y = c.centered(c.regular(), unit, 14, 9, 1, y, CENTER, TEXT_WIDTH, BLACK);
        }
        c.centered(c.regular(), "Đã có thành tích xuất sắc trong phong trào thi đua năm " + award.period(),
                14, 10, 1, y - 8, CENTER, TEXT_WIDTH, BLACK);
    }

    /** Number and verification code bottom left; place, date and signer bottom right. */
    private static void footer(Canvas c, Letter letter, Issuer issuer, String verifyUrl) throws IOException {
        String placeAndDate = OfficialDate.of(letter.issuedOn()).withPlace(issuer.place());
        float right = c.centered(c.regular(), placeAndDate, 12, 8, 1, 172, RIGHT_COLUMN, COLUMN_WIDTH, BLACK);
        right = c.centered(c.bold(), "TM. HỘI ĐỒNG", 12, 12, 1, right, RIGHT_COLUMN, COLUMN_WIDTH, BLACK);
        c.centered(c.bold(), issuer.signerTitle(), 12, 8, 1, right, RIGHT_COLUMN, COLUMN_WIDTH, BLACK);
        c.centered(c.bold(), issuer.signerName(), 14, 8, 1, 66, RIGHT_COLUMN, COLUMN_WIDTH, BLACK);

        float left = c.centered(c.regular(), "Số: " + letter.letterNumber(), 12, 8, 1, 112, LEFT_COLUMN,
                COLUMN_WIDTH, BLACK);
        left = c.centered(c.bold(), "Mã xác thực: " + letter.verificationCode(), 12, 8, 1, left, LEFT_COLUMN,
                COLUMN_WIDTH, BLACK);
        if (verifyUrl == null) {
            c.centered(c.regular(), "Xác thực: gửi số và mã tới " + issuer.officeEmail(), 9, 7, 1, left, LEFT_COLUMN,
                    COLUMN_WIDTH, BLACK);
        } else {
            c.centered(c.regular(), "Xác thực: quét mã QR hoặc truy cập " + verifyUrl, 9, 7, 2, left, LEFT_COLUMN,
                    COLUMN_WIDTH, BLACK);
        }
    }

    /**
     * The attachment's file name, Vietnamese diacritics kept: {@code {awardName} - {recipientName} - {period}.pdf},
     * e.g. "Cờ thi đua của UBND tỉnh - UBND huyện Bình Lục - 2023.pdf". Characters unsafe in file names
     * ({@code / \ : * ? " < > |} and control characters) become {@code _}, runs of spaces one space, and the name
     * is cut to at most 200 UTF-8 bytes before ".pdf". The mail layer encodes it (RFC 2231).
     */
    public static String attachmentFileName(Letter letter) {
        Award award = letter.award();
        String name = SafeText.line(award.awardName() + " - " + award.recipientName() + " - " + award.period())
                .replaceAll("[/\\\\:*?\"<>|]", "_")
                .replaceAll("\\s+", " ")
                .strip();
        StringBuilder cut = new StringBuilder();
        int bytes = 0;
        for (int cp : name.codePoints().toArray()) {
            bytes += new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_FILE_NAME_BYTES) {
                break;
            }
            cut.appendCodePoint(cp);
        }
        return cut.toString().strip() + ".pdf";
    }

    private static void info(PDDocumentInformation info, Letter letter, Issuer issuer) {
        Award award = letter.award();
        info.setTitle(SafeText.line(award.awardName() + " - " + award.recipientName() + " - năm " + award.period()));
        info.setAuthor(SafeText.line(issuer.parent() + " - " + issuer.name()));
        info.setSubject(SafeText.line("Số: " + letter.letterNumber() + "; mã xác thực: " + letter.verificationCode()));
        info.setKeywords(letter.awardId());
        info.setCreator("Emulation Hub");
        Calendar created = GregorianCalendar.from(letter.issuedOn().atStartOfDay(VIETNAM));
        created.setTimeZone(TimeZone.getTimeZone(VIETNAM));
        info.setCreationDate(created);
    }

    private static byte[] font(String resource) {
        try (InputStream in = CertificatePdf.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Bundled font " + resource + " is missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Bundled font " + resource + " cannot be read", e);
        }
    }

    /** Drawing on the page's content stream, in the two bundled fonts. */
    private record Canvas(PDPageContentStream cs, PDFont regular, PDFont bold) {

        void borders() throws IOException {
            frame(18, 3, RED);
            frame(27, 1, GOLD);
        }

        private void frame(float inset, float width, float[] color) throws IOException {
            cs.setLineWidth(width);
            cs.setStrokingColor(color[0], color[1], color[2]);
            cs.addRect(inset, inset, PAGE.getWidth() - 2 * inset, PAGE.getHeight() - 2 * inset);
            cs.stroke();
        }

        /** A QR code of {@code text}, a black square per dark module, its lower left corner at (x, y). */
        void qr(String text, float x, float y, float size) throws IOException {
            BitMatrix matrix;
            try {
                matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, Map.of(
                        EncodeHintType.MARGIN, 0, EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
                        EncodeHintType.CHARACTER_SET, "UTF-8"));
            } catch (WriterException e) {
                throw new IOException("QR code of " + text + " cannot be made", e);
            }
            float module = size / matrix.getWidth();
            cs.setNonStrokingColor(0f, 0f, 0f);
            for (int row = 0; row < matrix.getHeight(); row++) {
                for (int col = 0; col < matrix.getWidth(); col++) {
                    if (matrix.get(col, row)) {
                        cs.addRect(x + col * module, y + size - (row + 1) * module, module, module);
                    }
                }
            }
            cs.fill();
        }

        /** A short horizontal line centred on {@code x}. */
        void rule(float x, float y, float length) throws IOException {
            cs.setLineWidth(0.8f);
            cs.setStrokingColor(0f, 0f, 0f);
            cs.moveTo(x - length / 2, y);
            cs.lineTo(x + length / 2, y);
            cs.stroke();
        }

        /**
         * Draws a text centred on {@code x}, its first baseline one line below {@code top}, fitted to {@code width}
         * on at most {@code maxLines} lines; returns the y below its last line.
         */
        float centered(PDFont font, String text, float maxSize, float minSize, int maxLines, float top, float x,
                       float width, float[] color) throws IOException {
            Fitted fitted = Fitted.fit(font, printable(font, text), maxSize, minSize, width, maxLines);
            float y = top;
            cs.setNonStrokingColor(color[0], color[1], color[2]);
            for (String line : fitted.lines()) {
                y -= fitted.size() * LINE_SPACING;
                cs.beginText();
                cs.setFont(font, fitted.size());
                cs.newLineAtOffset(x - Fitted.width(font, line, fitted.size()) / 2, y);
                cs.showText(line);
                cs.endText();
            }
            return y - fitted.size() * (LINE_SPACING - 1);
        }
    }

    /** The text as one NFC line, with every character the font has no glyph for replaced by {@code ?}. */
    private static String printable(PDFont font, String text) throws IOException {
        StringBuilder out = new StringBuilder();
        for (int cp : SafeText.line(text).codePoints().toArray()) {
            String ch = new String(Character.toChars(cp));
            try {
                font.encode(ch);
                out.append(ch);
            } catch (IllegalArgumentException e) {
                out.append('?');
            }
        }
        return out.toString();
    }

    /** A text set at a size on lines that fit a width. */
    private record Fitted(float size, List<String> lines) {

        /** The largest size (in whole points, down to {@code minSize}) at which the text fits on maxLines lines. */
        static Fitted fit(PDFont font, String text, float maxSize, float minSize, float width, int maxLines)
                throws IOException {
            for (float size = maxSize; size >= minSize; size--) {
                List<String> lines = wrap(font, text, size, width);
                if (lines.size() <= maxLines) {
                    return new Fitted(size, lines);
                }
            }
            List<String> lines = new ArrayList<>(wrap(font, text, minSize, width).subList(0, maxLines));
            lines.set(maxLines - 1, ellipsis(font, lines.get(maxLines - 1), minSize, width));
            return new Fitted(minSize, lines);
        }

        /** Greedy word wrap; a word wider than the line is broken between characters. */
        private static List<String> wrap(PDFont font, String text, float size, float width) throws IOException {
            List<String> lines = new ArrayList<>();
            StringBuilder line = new StringBuilder();
            for (String word : text.split(" ")) {
                String candidate = line.isEmpty() ? word : line + " " + word;
                if (width(font, candidate, size) <= width) {
                    line.setLength(0);
                    line.append(candidate);
                    continue;
                }
                if (!line.isEmpty()) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                for (int cp : word.codePoints().toArray()) {
                    String longer = line + new String(Character.toChars(cp));
                    if (!line.isEmpty() && width(font, longer, size) > width) {
                        lines.add(line.toString());
                        line.setLength(0);
                    }
                    line.appendCodePoint(cp);
                }
            }
            lines.add(line.toString());
            return lines;
        }

        private static String ellipsis(PDFont font, String line, float size, float width) throws IOException {
            String cut = line;
            while (!cut.isEmpty() && width(font, cut + "…", size) > width) {
                cut = cut.substring(0, cut.offsetByCodePoints(cut.length(), -1));
            }
            return cut + "…";
        }

        static float width(PDFont font, String text, float size) throws IOException {
            return font.getStringWidth(text) / 1000 * size;
        }
    }
}
