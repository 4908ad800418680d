package vn.tdkt.hub.domain.letter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import vn.tdkt.hub.domain.award.Award;
import vn.tdkt.hub.signing.EmbeddedSigningKey;
import vn.tdkt.hub.signing.PadesSigner;
import vn.tdkt.hub.signing.SigningKey;

/**
 * Measures signed certificates (docs/performance.md, "Signed certificates"): renders N certificates of distinct
 * letters (default 1,000) without a signature, then with the QR code and the PAdES-B-B signature of the embedded
 * council key, on one thread (the letters stage renders one letter at a time), after a warm-up of 200 of each.
 * A second argument {@code rsa} signs with an RSA 2048 key instead (a typical province certificate; self-signed,
 * made in memory). Not a test: run it with the production JVM options, e.g.
 * <pre>
 * mvn -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx512m -XX:TieredStopAtLevel=1 -cp target/test-classes:target/classes:$(cat target/cp.txt) \
 *   vn.tdkt.hub.domain.letter.SignedCertificatesMeasure 1000
 * </pre>
 */
public final class SignedCertificatesMeasure {

    private SignedCertificatesMeasure() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        Path dir = Files.createTempDirectory("signed-certificates");
        EmbeddedSigningKey.Loaded key = EmbeddedSigningKey.loadOrCreate(dir, LetterFixtures.ISSUER.name(),
                LetterFixtures.ISSUER.parent(), LetterFixtures.ISSUER.place());
        SigningKey signingKey = args.length > 1 && "rsa".equals(args[1]) ? rsaKey() : key.key();
        Certificates signed = new Certificates(() -> "https://tdkt.hanam.example",
                new PadesSigner(signingKey, null), Clock.systemUTC());
        List<Letter> letters = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            Award award = i % 2 == 0 ? LetterFixtures.unitFlag("Đơn vị thi đua số " + i)
                    : LetterFixtures.personCertificate("Nguyễn Văn Số " + i);
            letters.add(LetterFixtures.letter(award));
        }
        run("warm-up, unsigned", letters.subList(0, Math.min(200, n)), l -> CertificatePdf.render(l,
                LetterFixtures.ISSUER));
        run("warm-up, signed", letters.subList(0, Math.min(200, n)), l -> signed.pdf(l, LetterFixtures.ISSUER));
        double unsigned = run("unsigned (no QR code)", letters, l -> CertificatePdf.render(l, LetterFixtures.ISSUER));
        double withSignature = run("QR code + PAdES-B-B signature", letters, l -> signed.pdf(l,
                LetterFixtures.ISSUER));
        System.out.printf("signing adds %.1f ms per certificate (%s key, %s)%n", withSignature - unsigned,
                signingKey.privateKey().getAlgorithm(), System.getProperty("java.vm.version"));
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(dir);
    }

    private static SigningKey rsaKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        X500Name name = new X500Name("CN=HOI DONG THI DUA - KHEN THUONG,O=UBND TINH HA NAM,C=VN");
        Instant now = Instant.now();
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
                name, BigInteger.ONE, Date.from(now.minusSeconds(60)), Date.from(now.plusSeconds(86_400)), name,
                keys.getPublic()).build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
        return new SigningKey(keys.getPrivate(), List.of(certificate));
    }

    /** Renders every letter's certificate; prints and returns the mean milliseconds per certificate. */
    private static double run(String what, List<Letter> letters, Render render) {
        long bytes = 0;
        long start = System.nanoTime();
        for (Letter letter : letters) {
            bytes += render.pdf(letter).length;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double perCertificate = seconds * 1000 / letters.size();
        System.out.printf("%-32s %,6d certificates in %6.2f s: %5.1f ms each, %,d bytes on average%n", what,
                letters.size(), seconds, perCertificate, bytes / letters.size());
        return perCertificate;
    }

    @FunctionalInterface
    private interface Render {
        byte[] pdf(Letter letter);
    }
}
