package vn.tdkt.hub.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Calendar;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.tsp.TimeStampTokenGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PAdES signatures with a configured PKCS#12 keystore (RSA 2048, as a province's certificate usually is) and a
 * local RFC 3161 time-stamp authority (Bouncy Castle's TSP classes behind the JDK's HTTP server): PAdES-B-T.
 */
class PadesSignerTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path dir;
    private HttpServer tsa;
    private final AtomicInteger stamps = new AtomicInteger();

    @AfterEach
    void stopTsa() {
        if (tsa != null) {
            tsa.stop(0);
        }
    }

    @Test
    void keystoreKeyWithTimeStampGivesAValidPadesBtSignature() throws Exception {
        SigningKey key = rsaKeystoreKey();
        KeyPair tsaKeys = keyPair("EC");
        X509Certificate tsaCertificate = selfSigned("CN=Test TSA,C=VN", tsaKeys, true);
        URI tsaUrl = startTsa(tsaKeys, tsaCertificate);
        PadesSigner signer = new PadesSigner(key, new TimeStampClient(tsaUrl, Duration.ofSeconds(10)));
        assertThat(signer.timeStamped()).isTrue();

        byte[] pdf = signer.sign(blankPdf(), details());

        assertThat(stamps).hasValue(1);
        assertThat(pdfsig(Files.write(dir.resolve("bt.pdf"), pdf))).contains(
                "Signer Certificate Common Name: HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG (RSA)",
                "Signature Validation: Signature is Valid.", "Total document signed");
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDSignature signature = doc.getSignatureDictionaries().get(0);
            CMSSignedData cms = cms(signature, pdf);
            SignerInformation info = cms.getSignerInfos().getSigners().iterator().next();
            assertThat(info.verify(new JcaSimpleSignerInfoVerifierBuilder().build(key.certificate()))).isTrue();
            assertThat(info.getDigestAlgOID()).isEqualTo(NISTObjectIdentifiers.id_sha256.getId());
            AttributeTable signed = info.getSignedAttributes();
            assertThat(signed.get(PKCSObjectIdentifiers.id_aa_signingCertificateV2)).isNotNull();
            assertThat(signed.get(CMSAttributes.signingTime)).as("PAdES: no signing-time attribute").isNull();
            assertThat(cms.getCertificates().getMatches(null)).hasSize(1);
            // the signature time-stamp: on the signature value, signed by the TSA
            Attribute stamp = info.getUnsignedAttributes().get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken);
            TimeStampToken token = new TimeStampToken(ContentInfo.getInstance(
                    stamp.getAttrValues().getObjectAt(0)));
            token.validate(new JcaSimpleSignerInfoVerifierBuilder().build(tsaCertificate));
            assertThat(token.getTimeStampInfo().getMessageImprintDigest())
                    .isEqualTo(MessageDigest.getInstance("SHA-256").digest(info.getSignature()));
        }
    }

    @Test
    void withoutTimeStampThereIsNoUnsignedAttribute() throws Exception {
        PadesSigner signer = new PadesSigner(rsaKeystoreKey(), null);

        byte[] pdf = signer.sign(blankPdf(), details());

        assertThat(signer.timeStamped()).isFalse();
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDSignature signature = doc.getSignatureDictionaries().get(0);
            CMSSignedData cms = cms(signature, pdf);
            assertThat(cms.getSignerInfos().getSigners().iterator().next().getUnsignedAttributes()).isNull();
        }
        assertThat(pdfsig(Files.write(dir.resolve("bb.pdf"), pdf))).contains("Signature is Valid");
    }

    @Test
    void anUnreachableTimeStampAuthorityFailsTheSigningInsteadOfSkippingIt() throws Exception {
        KeyPair tsaKeys = keyPair("EC");
        URI url = startTsa(tsaKeys, selfSigned("CN=Test TSA,C=VN", tsaKeys, true));
        tsa.stop(0);
        tsa = null;
        PadesSigner signer = new PadesSigner(rsaKeystoreKey(), new TimeStampClient(url, Duration.ofSeconds(5)));

        assertThatThrownBy(() -> signer.sign(blankPdf(), details())).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("Cannot sign");
    }

    /** The CMS of a signature (its /Contents, zero-padded to the room reserved, read to its DER end). */
    private static CMSSignedData cms(PDSignature signature, byte[] pdf) throws Exception {
        try (ASN1InputStream in = new ASN1InputStream(signature.getContents(pdf))) {
            return new CMSSignedData(new CMSProcessableByteArray(signature.getSignedContent(pdf)),
                    ContentInfo.getInstance(in.readObject()));
        }
    }

    private static PadesSigner.Details details() {
        return new PadesSigner.Details("HĐTĐKT", "Giấy khen số 1/TB-HĐTĐKT", "Hà Nam", Calendar.getInstance());
    }

    /** An RSA 2048 key and certificate in a PKCS#12 file with a password made now, read back by alias. */
    private SigningKey rsaKeystoreKey() throws Exception {
        KeyPair keys = keyPair("RSA");
        X509Certificate certificate = selfSigned("CN=HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG (RSA),O=UBND TỈNH HÀ NAM,C=VN",
                keys, false);
        byte[] secret = new byte[18];
        RANDOM.nextBytes(secret);
        char[] password = Base64.getEncoder().encodeToString(secret).toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("province", keys.getPrivate(), password, new X509Certificate[] {certificate});
        store.setCertificateEntry("other-ca", selfSigned("CN=Other CA", keyPair("EC"), false));
        Path file = dir.resolve("province.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password);
        }
        return SigningKey.fromPkcs12(file, password, "province");
    }

    private URI startTsa(KeyPair keys, X509Certificate certificate) throws Exception {
        TimeStampTokenGenerator tokens = new TimeStampTokenGenerator(
                new JcaSimpleSignerInfoGeneratorBuilder().build("SHA256withECDSA", keys.getPrivate(), certificate),
                new JcaDigestCalculatorProviderBuilder().build().get(
                        new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)),
                new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1"));
        tokens.addCertificates(new JcaCertStore(List.of(certificate)));
        TimeStampResponseGenerator responses = new TimeStampResponseGenerator(tokens, TSPAlgorithms.ALLOWED);
        tsa = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        tsa.createContext("/tsa", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                TimeStampRequest request = new TimeStampRequest(in.readAllBytes());
                byte[] answer = responses.generate(request, BigInteger.valueOf(stamps.incrementAndGet()), new Date())
                        .getEncoded();
                exchange.getResponseHeaders().add("Content-Type", "application/timestamp-reply");
                exchange.sendResponseHeaders(200, answer.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            } catch (Exception e) {
                exchange.sendResponseHeaders(500, -1);
            } finally {
                exchange.close();
            }
        });
        tsa.start();
        return URI.create("http://127.0.0.1:" + tsa.getAddress().getPort() + "/tsa");
    }

    private static KeyPair keyPair(String algorithm) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        generator.initialize("RSA".equals(algorithm) ? 2048 : 256);
        return generator.generateKeyPair();
    }

    private static X509Certificate selfSigned(String subject, KeyPair keys, boolean timeStamping) throws Exception {
        X500Name name = new X500Name(subject);
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(RANDOM.nextInt(1_000_000) + 1L),
                Date.from(now.minusSeconds(3600)), Date.from(now.plus(Duration.ofDays(30))), name, keys.getPublic());
        if (timeStamping) {
            builder.addExtension(Extension.extendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
        }
        String algorithm = "RSA".equals(keys.getPrivate().getAlgorithm()) ? "SHA256withRSA" : "SHA256withECDSA";
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder(algorithm).build(keys.getPrivate())));
    }

    private static byte[] blankPdf() throws Exception {
        try (PDDocument doc = new PDDocument()) {
            doc.addPage(new PDPage());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        }
    }

    private static String pdfsig(Path pdf) throws Exception {
        Process p = new ProcessBuilder("pdfsig", pdf.toString()).redirectErrorStream(true).start();
        byte[] out;
        try (InputStream in = p.getInputStream()) {
            out = in.readAllBytes();
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new String(out, StandardCharsets.UTF_8);
    }
}
