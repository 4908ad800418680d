package vn.tdkt.hub.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.Properties;

import org.junit.jupiter.api.Test;

/** Bearer tokens are compared by their SHA-256 hash; a department may report only for its own units. */
class CredentialsTest {

    static Credentials parse(String lines) throws Exception {
        Properties p = new Properties();
        p.load(new StringReader(lines));
        return Credentials.parse(p);
    }

    @Test
    void knownTokensAuthenticateAndUnknownOnesDoNot() throws Exception {
        // sha256("office-secret") and sha256("dept-secret"), computed with sha256sum
        Credentials c = parse("office.token-sha256=" + Credentials.sha256("office-secret") + "\n"
                + "org.so-khdt.token-sha256=" + Credentials.sha256("dept-secret") + "\n"
                + "org.so-khdt.units=SO-KHDT, SO-TC\n");
        assertThat(c.authenticate("Bearer office-secret")).hasValueSatisfying(x -> assertThat(x.office()).isTrue());
        var dept = c.authenticate("bearer dept-secret").orElseThrow();
        assertThat(dept.office()).isFalse();
        assertThat(dept.mayReportFor("SO-TC")).isTrue();
        assertThat(dept.mayReportFor("UBND-PL")).isFalse();
        assertThat(c.authenticate("Bearer nope")).isEmpty();
        assertThat(c.authenticate("Basic b2ZmaWNlOnNlY3JldA==")).isEmpty();
        assertThat(c.authenticate(null)).isEmpty();
    }

    @Test
    void theHashIsPlainSha256Hex() {
        // printf %s abc | sha256sum
        assertThat(Credentials.sha256("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
