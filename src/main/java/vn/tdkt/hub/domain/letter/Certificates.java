package vn.tdkt.hub.domain.letter;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.TimeZone;
import java.util.function.Supplier;

import vn.tdkt.hub.domain.registry.Issuer;
import vn.tdkt.hub.signing.PadesSigner;

/**
 * The certificates attached to letters, as sent: the PDF of {@link CertificatePdf} with the QR code of its public
 * verification address ({@code {public base URL}/verify/{code}}), signed (PAdES) by the council's key when a signer
 * is given.
 */
public final class Certificates {

    private static final ZoneOffset VIETNAM = ZoneOffset.ofHours(7);

    private final Supplier<String> publicBaseUrl;
    private final PadesSigner signer;
    private final Clock clock;

    /**
     * @param publicBaseUrl the address the public reaches the hub at (read when a certificate is made: the HTTP
     *                      port may be known only once the hub runs), e.g. https://tdkt.hanam.gov.vn
     * @param signer        the council's signer, or null for unsigned certificates
     */
    public Certificates(Supplier<String> publicBaseUrl, PadesSigner signer, Clock clock) {
        this.publicBaseUrl = publicBaseUrl;
        this.signer = signer;
        this.clock = clock;
    }

    /** The public verification address of a code. */
    public String verifyUrl(String verificationCode) {
        String base = publicBaseUrl.get();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base + "/verify/" + verificationCode;
    }

    /** True when certificates are signed. */
    public boolean signed() {
        return signer != null;
    }

    /** Who signs the certificates (the common name of the signing certificate), or "" when unsigned. */
    public String signerName() {
        return signer == null ? "" : signer.key().signerName();
    }

    /** The certificate of a letter: PDF with QR code, signed when a signer is configured. */
    public byte[] pdf(Letter letter, Issuer issuer) {
        byte[] pdf = CertificatePdf.render(letter, issuer, verifyUrl(letter.verificationCode()));
        if (signer == null) {
            return pdf;
        }
        Calendar now = GregorianCalendar.from(clock.instant().atZone(VIETNAM));
        now.setTimeZone(TimeZone.getTimeZone(VIETNAM));
        return signer.sign(pdf, new PadesSigner.Details(SafeText.line(issuer.name() + " - " + issuer.parent()),
                SafeText.line("Giấy khen số " + letter.letterNumber() + ", mã xác thực " + letter.verificationCode()),
                SafeText.line(issuer.place()), now));
    }
}
