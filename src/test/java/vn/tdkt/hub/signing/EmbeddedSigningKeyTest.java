package vn.tdkt.hub.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The council's own signing key in embedded mode: made once, kept owner-only, reused. */
class EmbeddedSigningKeyTest {

    @TempDir
    Path dir;

    @Test
    void madeOnceOwnerOnlyAndReused() throws Exception {
        EmbeddedSigningKey.Loaded first = EmbeddedSigningKey.loadOrCreate(dir, "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG",
                "UBND TỈNH HÀ NAM", "Hà Nam");
        EmbeddedSigningKey.Loaded second = EmbeddedSigningKey.loadOrCreate(dir, "another name", "another body", "");

        assertThat(first.created()).isTrue();
        assertThat(second.created()).isFalse();
        assertThat(second.key().certificate()).isEqualTo(first.key().certificate());
        assertThat(second.key().privateKey()).isEqualTo(first.key().privateKey());
        for (String file : new String[] {EmbeddedSigningKey.KEYSTORE, EmbeddedSigningKey.PASSWORD_FILE}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(file))))
                    .as(file).isEqualTo("rw-------");
        }
        // no temporary file is left behind
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    EmbeddedSigningKey.KEYSTORE, EmbeddedSigningKey.PASSWORD_FILE, EmbeddedSigningKey.LOCK_FILE);
        }
    }

    @Test
    void processesStartingTogetherMakeOneKey() throws Exception {
        // the same folder from several threads at once (the lock is a file lock, for processes; the method is
        // also synchronised, so this checks that every caller reads the one key made)
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            var futures = new java.util.ArrayList<java.util.concurrent.Future<EmbeddedSigningKey.Loaded>>();
            for (int i = 0; i < 4; i++) {
                futures.add(pool.submit(() -> EmbeddedSigningKey.loadOrCreate(dir, "HĐTĐKT", "UBND", "Hà Nam")));
            }
            var loaded = new java.util.ArrayList<EmbeddedSigningKey.Loaded>();
            for (var f : futures) {
                loaded.add(f.get());
            }
            assertThat(loaded).filteredOn(EmbeddedSigningKey.Loaded::created).hasSize(1);
            assertThat(loaded).extracting(l -> l.key().certificate()).containsOnly(loaded.get(0).key().certificate());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void chainNamesTheCouncilUnderItsOwnRoot() throws Exception {
        SigningKey key = EmbeddedSigningKey.loadOrCreate(dir, "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG", "UBND TỈNH HÀ NAM",
                "Hà Nam").key();

        assertThat(key.chain()).hasSize(2);
        X509Certificate signer = key.chain().get(0);
        X509Certificate root = key.chain().get(1);
        assertThat(key.signerName()).isEqualTo("HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG");
        assertThat(signer.getSubjectX500Principal().getName())
                .isEqualTo("CN=HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG,O=UBND TỈNH HÀ NAM,L=Hà Nam,C=VN");
        assertThat(signer.getIssuerX500Principal()).isEqualTo(root.getSubjectX500Principal());
        signer.verify(root.getPublicKey());
        root.verify(root.getPublicKey());
        signer.checkValidity();
        assertThat(signer.getBasicConstraints()).isEqualTo(-1);
        assertThat(root.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        // digitalSignature and nonRepudiation
        assertThat(signer.getKeyUsage()[0]).isTrue();
        assertThat(signer.getKeyUsage()[1]).isTrue();
        assertThat(key.privateKey().getAlgorithm()).isEqualTo("EC");
    }

    @Test
    void keystoreIsAPlainPkcs12FileWithItsPasswordBeside() throws Exception {
        SigningKey made = EmbeddedSigningKey.loadOrCreate(dir, "HĐTĐKT", "UBND", "Hà Nam").key();
        char[] password = Files.readString(dir.resolve(EmbeddedSigningKey.PASSWORD_FILE), StandardCharsets.US_ASCII)
                .trim().toCharArray();
        assertThat(password.length).isGreaterThanOrEqualTo(32);

        // alias empty: the only key; or named
        assertThat(SigningKey.fromPkcs12(dir.resolve(EmbeddedSigningKey.KEYSTORE), password, "").certificate())
                .isEqualTo(made.certificate());
        assertThat(SigningKey.fromPkcs12(dir.resolve(EmbeddedSigningKey.KEYSTORE), password, "council")
                .certificate()).isEqualTo(made.certificate());
        assertThatThrownBy(() -> SigningKey.fromPkcs12(dir.resolve(EmbeddedSigningKey.KEYSTORE), password, "other"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("alias 'other'");
        assertThatThrownBy(() -> SigningKey.fromPkcs12(dir.resolve(EmbeddedSigningKey.KEYSTORE),
                "wrong".toCharArray(), "")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Cannot read the signing keystore");
    }
}
