package vn.tdkt.hub.workbook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import vn.tdkt.hub.feeds.Json;
import vn.tdkt.hub.support.TestKafka;

/** HTTP calls of the workbook endpoints in tests: download, upload as the body or as multipart. */
final class Uploads {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    Uploads(String base) {
        this.base = base;
    }

    HttpResponse<byte[]> template(String period, String unit, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/api/periods/" + period + "/units/" + unit
                + "/template.xlsx")).GET();
        return send(b, token);
    }

    HttpResponse<byte[]> upload(String period, String unit, String token, byte[] workbook) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uploadUri(period, unit))
                .header("Content-Type", WorkbookApi.XLSX).POST(HttpRequest.BodyPublishers.ofByteArray(workbook));
        return send(b, token);
    }

    HttpResponse<byte[]> uploadMultipart(String period, String unit, String token, byte[] workbook) {
        String boundary = "----tdkt" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nxin gửi\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"ket-qua.xlsx\""
                + "\r\nContent-Type: " + WorkbookApi.XLSX + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(workbook);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder b = HttpRequest.newBuilder(uploadUri(period, unit))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        return send(b, token);
    }

    private URI uploadUri(String period, String unit) {
        return URI.create(base + "/api/periods/" + period + "/units/" + unit + "/submissions.xlsx");
    }

    static JsonNode json(HttpResponse<byte[]> r) {
        return Json.read(new String(r.body(), StandardCharsets.UTF_8), JsonNode.class);
    }

    /** The scorecards of a period on the scores topic. */
    static List<JsonNode> scorecards(String topic, String period) {
        return TestKafka.readAll(topic, Duration.ofMillis(500)).stream()
                .map(r -> Json.read(r.value(), JsonNode.class))
                .filter(n -> period.equals(n.get("period").asText()))
                .sorted(java.util.Comparator.comparingLong(n -> n.get("sequence").asLong()))
                .toList();
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder b, String token) {
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            return client.send(b.timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
