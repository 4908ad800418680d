package vn.tdkt.hub.signing;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Set;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The council's signing key when no keystore is configured (embedded mode, demo): a small certificate chain made
 * once and kept in the data folder, then reused. A root CA ("... - CA nội bộ") issues the signing certificate,
 * whose subject names the province's emulation council (CN = the registry's issuer name, O = its parent body,
 * L = its place, C = VN). Keys are EC P-256 (made in milliseconds, signatures in well under one).
 *
 * <p>Files, both readable by the owner only (0600 where the file system has POSIX permissions):
 * {@value #KEYSTORE} (PKCS#12, alias {@value #ALIAS}) and {@value #PASSWORD_FILE} (its password, generated at
 * random). Nobody trusts this root: it only shows that the signing works. Production installs the province's real
 * certificate (templates/README.md).
 */
public final class EmbeddedSigningKey {

    public static final String KEYSTORE = "signing.p12";
    public static final String PASSWORD_FILE = "signing.p12.password";
    public static final String ALIAS = "council";
    /** Held while the key is made or read, so that processes sharing the folder make one key. */
    public static final String LOCK_FILE = "signing.lock";
    private static final Duration ROOT_VALIDITY = Duration.ofDays(20 * 366);
    private static final Duration SIGNER_VALIDITY = Duration.ofDays(10 * 366);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The key, and whether it was made by this call (false: an existing one was read). */
    public record Loaded(SigningKey key, Path keystore, boolean created) {
    }

    private EmbeddedSigningKey() {
    }

    /**
     * The key in {@code dir}, made first when there is none.
     *
     * @param council      the council's name, e.g. HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG
     * @param organisation the body it belongs to, e.g. UBND TỈNH HÀ NAM
     * @param place        the province, e.g. Hà Nam
     */
    public static synchronized Loaded loadOrCreate(Path dir, String council, String organisation, String place) {
        Path keystore = dir.resolve(KEYSTORE);
        Path passwordFile = dir.resolve(PASSWORD_FILE);
        try {
            Files.createDirectories(dir);
            // hub processes sharing the data folder: one makes the key, the others wait and read it
            try (FileChannel channel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
                if (!Files.exists(keystore)) {
                    create(dir, keystore, passwordFile, council, organisation, place);
                    return new Loaded(read(keystore, passwordFile), keystore, true);
                }
                return new Loaded(read(keystore, passwordFile), keystore, false);
            }
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("Cannot make or read the embedded signing key in " + dir + ": " + e, e);
        }
    }

    private static SigningKey read(Path keystore, Path passwordFile) throws IOException {
        char[] password = Files.readString(passwordFile, StandardCharsets.US_ASCII).trim().toCharArray();
        return SigningKey.fromPkcs12(keystore, password, ALIAS);
    }

    private static void create(Path dir, Path keystore, Path passwordFile, String council, String organisation,
                               String place) throws IOException, GeneralSecurityException, OperatorCreationException {
        KeyPair rootKeys = ecKeyPair();
        KeyPair signerKeys = ecKeyPair();
        Instant now = Instant.now();
        X500Name rootName = name(council + " - CA nội bộ", organisation, place);
        X500Name signerName = name(council, organisation, place);
        X509Certificate root = certificate(rootName, rootKeys.getPublic(), rootName, rootKeys.getPrivate(),
                rootKeys.getPublic(), now, ROOT_VALIDITY, true);
        X509Certificate signer = certificate(signerName, signerKeys.getPublic(), rootName, rootKeys.getPrivate(),
                rootKeys.getPublic(), now, SIGNER_VALIDITY, false);

        byte[] secret = new byte[24];
        RANDOM.nextBytes(secret);
        char[] password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret).toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(ALIAS, signerKeys.getPrivate(), password, new X509Certificate[] {signer, root});

        // the password first, then the keystore by an atomic move: a keystore on disk always has its password (a
        // crash in between leaves a password without keystore, replaced at the next start)
        Path passwordTemp = ownerOnlyTempFile(dir);
        Files.writeString(passwordTemp, new String(password), StandardCharsets.US_ASCII);
        Files.move(passwordTemp, passwordFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Path storeTemp = ownerOnlyTempFile(dir);
        try (OutputStream out = Files.newOutputStream(storeTemp)) {
            store.store(out, password);
        }
        Files.move(storeTemp, keystore, StandardCopyOption.ATOMIC_MOVE);
    }

    private static Path ownerOnlyTempFile(Path dir) throws IOException {
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            FileAttribute<Set<PosixFilePermission>> ownerOnly =
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
            return Files.createTempFile(dir, ".signing", ".tmp", ownerOnly);
        }
        Path file = Files.createTempFile(dir, ".signing", ".tmp");
        file.toFile().setReadable(false, false);
        file.toFile().setReadable(true, true);
        file.toFile().setWritable(false, false);
        file.toFile().setWritable(true, true);
        return file;
    }

    private static KeyPair ecKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return generator.generateKeyPair();
    }

    private static X500Name name(String commonName, String organisation, String place) {
        X500NameBuilder b = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "VN");
        if (place != null && !place.isBlank()) {
            b.addRDN(BCStyle.L, place);
        }
        if (organisation != null && !organisation.isBlank()) {
            b.addRDN(BCStyle.O, organisation);
        }
        return b.addRDN(BCStyle.CN, commonName).build();
    }

    private static X509Certificate certificate(X500Name subject, PublicKey subjectKey, X500Name issuer,
                                               PrivateKey issuerKey, PublicKey issuerPublicKey, Instant from,
                                               Duration validity, boolean ca)
            throws GeneralSecurityException, OperatorCreationException, CertIOException {
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, RANDOM).add(BigInteger.ONE),
                Date.from(from.minus(Duration.ofDays(1))), Date.from(from.plus(validity)), subject, subjectKey)
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(ca))
                .addExtension(Extension.keyUsage, true, new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign
                        : KeyUsage.digitalSignature | KeyUsage.nonRepudiation))
                .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(subjectKey))
                .addExtension(Extension.authorityKeyIdentifier, false,
                        ext.createAuthorityKeyIdentifier(issuerPublicKey));
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
    }
}
