package vn.tdkt.hub.domain.letter;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.tdkt.hub.domain.letter.LetterFixtures.ISSUER;
import static vn.tdkt.hub.domain.letter.LetterFixtures.letter;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.Result;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.tdkt.hub.signing.EmbeddedSigningKey;
import vn.tdkt.hub.signing.PadesSigner;

/**
 * The certificate as attached to a letter: signed (PAdES-B-B, checked from outside with poppler's {@code pdfsig})
 * and carrying a QR code of its verification address (decoded from the rendered page with ZXing).
 */
class SignedCertificateTest {

    private static final String BASE = "https://tdkt.hanam.example/";
    private static final Instant SIGNED_AT = Instant.parse("2024-01-05T02:30:00Z");

    @TempDir
    static Path dir;
    static Certificates certificates;

    @BeforeAll
    static void councilKey() {
        EmbeddedSigningKey.Loaded key = EmbeddedSigningKey.loadOrCreate(dir, ISSUER.name(), ISSUER.parent(),
                ISSUER.place());
        certificates = new Certificates(() -> BASE, new PadesSigner(key.key(), null),
                Clock.fixed(SIGNED_AT, ZoneOffset.UTC));
    }

    @Test
    void pdfsigFindsAValidSignatureOfTheCouncilOverTheWholeDocument() throws Exception {
        Letter letter = letter(LetterFixtures.unitFlag());
        byte[] pdf = certificates.pdf(letter, ISSUER);

        String report = pdfsig(write("signed.pdf", pdf));

        assertThat(report).contains("Signature #1:", "Signer Certificate Common Name: HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG",
                "Signature Type: ETSI.CAdES.detached", "Signature Validation: Signature is Valid.",
                "Total document signed");
        assertThat(report).doesNotContain("Signature #2:", "not total document signed");
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            List<PDSignature> signatures = doc.getSignatureDictionaries();
            assertThat(signatures).hasSize(1);
            PDSignature signature = signatures.get(0);
            int[] range = signature.getByteRange();
            // [0, a, b, c]: everything but the signature value, to the very last byte
            assertThat(range[0]).isZero();
            assertThat(range[2] + range[3]).isEqualTo(pdf.length);
            assertThat(signature.getSubFilter()).isEqualTo("ETSI.CAdES.detached");
            assertThat(signature.getName()).isEqualTo("HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG - UBND TỈNH HÀ NAM");
            assertThat(signature.getReason()).contains(letter.letterNumber(), letter.verificationCode());
            assertThat(signature.getSignDate().toInstant()).isEqualTo(SIGNED_AT);
            // the certificate itself is unchanged by the signature: same text as before
            assertThat(new PDFTextStripper().getText(doc)).contains("Cờ thi đua của UBND tỉnh", "UBND huyện Bình Lục",
                    "Mã xác thực: " + letter.verificationCode());
        }
    }

    @Test
    void oneChangedByteInTheSignedRangeIsReported() throws Exception {
        byte[] pdf = certificates.pdf(letter(LetterFixtures.unitFlag()), ISSUER);
        // the claimed signing time in the signature dictionary (2024 -> 2025): signed, outside the signature value
        int at = indexOf(pdf, "/M (D:2024".getBytes(StandardCharsets.US_ASCII));
        int[] range;
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            range = doc.getSignatureDictionaries().get(0).getByteRange();
        }
        assertThat(at).isPositive();
        assertThat(at < range[1] || at >= range[2]).as("inside the signed range").isTrue();
        byte[] changed = pdf.clone();
        changed[at + "/M (D:202".length()] = '5';
        // the header's version (%PDF-1.x), the document's very first bytes
        byte[] header = pdf.clone();
        assertThat(new String(header, 0, 7, StandardCharsets.US_ASCII)).isEqualTo("%PDF-1.");
        header[7] = (byte) (header[7] == '7' ? '6' : '7');

        for (byte[] modified : List.of(changed, header)) {
            String report = pdfsig(write("changed.pdf", modified));
            assertThat(report).contains("Signature #1:", "Signature Validation: Digest Mismatch.")
                    .doesNotContain("Signature is Valid");
        }
        // and the untouched copy still verifies
        assertThat(pdfsig(write("unchanged.pdf", pdf))).contains("Signature is Valid");
    }

    @Test
    void qrCodeOnTheRenderedPageIsTheVerificationAddress() throws Exception {
        Letter letter = letter(LetterFixtures.personCertificate());
        byte[] pdf = certificates.pdf(letter, ISSUER);

        String decoded;
        String text;
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            BufferedImage page = new PDFRenderer(doc).renderImageWithDPI(0, 150);
            decoded = qr(page).getText();
            text = new PDFTextStripper().getText(doc);
        }

        assertThat(decoded).isEqualTo("https://tdkt.hanam.example/verify/" + letter.verificationCode())
                .endsWith("/verify/" + letter.verificationCode());
        // the code and the address are also printed
        assertThat(text).contains("Mã xác thực: " + letter.verificationCode(), decoded)
                .doesNotContain("gửi số và mã tới");
    }

    @Test
    void unsignedCertificateHasNoSignatureButItsQrCode() throws Exception {
        Certificates unsigned = new Certificates(() -> "http://127.0.0.1:8080", null, Clock.systemUTC());
        Letter letter = letter(LetterFixtures.blockPrize());
        byte[] pdf = unsigned.pdf(letter, ISSUER);

        assertThat(pdfsig(write("unsigned.pdf", pdf))).contains("does not contain any signatures");
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertThat(qr(new PDFRenderer(doc).renderImageWithDPI(0, 150)).getText())
                    .isEqualTo("http://127.0.0.1:8080/verify/" + letter.verificationCode());
        }
    }

    @Test
    void letterTextSaysWhoSignedAndWhereToVerify() {
        Letter letter = letter(LetterFixtures.unitFlag());
        RenderedLetter rendered = new LetterRenderer(LetterFixtures.TEMPLATES, certificates).render(letter, ISSUER);
        String url = "https://tdkt.hanam.example/verify/" + letter.verificationCode();

        assertThat(rendered.text()).contains("Tệp PDF gửi kèm được ký số bởi HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG", url)
                .doesNotContain("gửi số thông báo");
        assertThat(rendered.html()).contains("được ký số bởi <b>HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG</b>",
                "href=\"" + url + "\"");
    }

    private static Result qr(BufferedImage image) throws Exception {
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(
                new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)));
        return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE));
    }

    private static Path write(String name, byte[] pdf) throws IOException {
        return Files.write(dir.resolve(name), pdf);
    }

    /** pdfsig's report (standard output and error), after it has ended. */
    static String pdfsig(Path pdf) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("pdfsig", pdf.toString()).redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = p.getInputStream()) {
            in.transferTo(out);
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("pdfsig ended").isTrue();
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
