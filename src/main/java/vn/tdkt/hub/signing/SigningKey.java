package vn.tdkt.hub.signing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * A signing key with its certificate chain (the signer's certificate first, then its issuers), as read from a
 * PKCS#12 keystore.
 */
public record SigningKey(PrivateKey privateKey, List<X509Certificate> chain) {

    public SigningKey {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a signing key needs its certificate");
        }
        chain = List.copyOf(chain);
    }

    /** The signer's certificate. */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** The common name (CN) of the signer's certificate, or its whole subject when it has none. */
    public String signerName() {
        String subject = certificate().getSubjectX500Principal().getName();
        try {
            List<Rdn> rdns = new ArrayList<>(new LdapName(subject).getRdns());
            Collections.reverse(rdns);
            for (Rdn rdn : rdns) {
                if ("CN".equalsIgnoreCase(rdn.getType())) {
                    return rdn.getValue().toString();
                }
            }
        } catch (InvalidNameException e) {
            // fall through to the whole subject
        }
        return subject;
    }

    /**
     * The key of a PKCS#12 file: the entry named {@code alias}, or (alias empty) the only key entry.
     *
     * @throws IllegalStateException when the file cannot be read, the password is wrong, or the entry is missing
     */
    public static SigningKey fromPkcs12(Path file, char[] password, String alias) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            String name = alias == null || alias.isBlank() ? onlyKeyAlias(store, file) : alias;
            Key key = store.getKey(name, password);
            if (!(key instanceof PrivateKey privateKey)) {
                throw new IllegalStateException("No private key under alias '" + name + "' in " + file);
            }
            Certificate[] certificates = store.getCertificateChain(name);
            if (certificates == null || certificates.length == 0) {
                throw new IllegalStateException("No certificate chain under alias '" + name + "' in " + file);
            }
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate c : certificates) {
                chain.add((X509Certificate) c);
            }
            return new SigningKey(privateKey, chain);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read the signing keystore " + file + ": " + e.getMessage(), e);
        }
    }

    private static String onlyKeyAlias(KeyStore store, Path file) throws GeneralSecurityException {
        List<String> keys = new ArrayList<>();
        for (String alias : Collections.list(store.aliases())) {
            if (store.isKeyEntry(alias)) {
                keys.add(alias);
            }
        }
        if (keys.size() != 1) {
            throw new IllegalStateException(file + " holds " + keys.size() + " keys " + keys
                    + ": name the signing one with tdkt.letters.signing.alias");
        }
        return keys.get(0);
    }
}
