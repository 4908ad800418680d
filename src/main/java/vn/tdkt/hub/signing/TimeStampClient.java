package vn.tdkt.hub.signing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.HttpURLConnection;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;

import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * An RFC 3161 time-stamp authority over HTTP: asks for a time-stamp token on a SHA-256 digest (with a nonce and
 * the TSA's certificate), checks the answer matches the request, and returns the token.
 */
public final class TimeStampClient {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_RESPONSE_BYTES = 1 << 20;

    private final URI url;
    private final Duration timeout;

    public TimeStampClient(URI url, Duration timeout) {
        this.url = url;
        this.timeout = timeout;
    }

    public URI url() {
        return url;
    }

    /** A time-stamp token (a CMS ContentInfo, DER) on the SHA-256 digest given. */
    public TimeStampToken stamp(byte[] sha256) throws IOException {
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        generator.setCertReq(true);
        TimeStampRequest request = generator.generate(NISTObjectIdentifiers.id_sha256, sha256,
                new BigInteger(64, RANDOM));
        byte[] body = request.getEncoded();
        HttpURLConnection http = (HttpURLConnection) url.toURL().openConnection();
        try {
            http.setConnectTimeout((int) timeout.toMillis());
            http.setReadTimeout((int) timeout.toMillis());
            http.setDoOutput(true);
            http.setRequestMethod("POST");
            http.setRequestProperty("Content-Type", "application/timestamp-query");
            http.setFixedLengthStreamingMode(body.length);
            try (OutputStream out = http.getOutputStream()) {
                out.write(body);
            }
            if (http.getResponseCode() != 200) {
                throw new IOException("Time-stamp authority " + url + " answered HTTP " + http.getResponseCode());
            }
            byte[] answer;
            try (InputStream in = http.getInputStream()) {
                answer = in.readNBytes(MAX_RESPONSE_BYTES);
            }
            TimeStampResponse response = new TimeStampResponse(answer);
            response.validate(request);
            if (response.getTimeStampToken() == null) {
                throw new IOException("Time-stamp authority " + url + " refused: status " + response.getStatus()
                        + " " + response.getStatusString());
            }
            return response.getTimeStampToken();
        } catch (TSPException e) {
            throw new IOException("Time-stamp authority " + url + " gave an unusable answer: " + e.getMessage(), e);
        } finally {
            http.disconnect();
        }
    }
}
