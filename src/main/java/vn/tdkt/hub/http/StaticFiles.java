package vn.tdkt.hub.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/** The dashboard's files and the OpenAPI description, served from the class path folder {@code web/}. */
public final class StaticFiles {

    private static final Map<String, String> TYPES = Map.of(
            "dashboard.html", "text/html; charset=UTF-8",
            "dashboard.js", "text/javascript; charset=UTF-8",
            "dashboard.css", "text/css; charset=UTF-8",
            "openapi.json", HttpAnswer.JSON,
            "login.html", "text/html; charset=UTF-8",
            "login.js", "text/javascript; charset=UTF-8");

    /** The named file; only the files listed above exist (no path is ever built from the request). */
    public HttpAnswer get(String name) throws IOException {
        String type = TYPES.get(name);
        if (type == null) {
            return HttpAnswer.notFound("Không có tệp " + name);
        }
        try (InputStream in = StaticFiles.class.getResourceAsStream("/web/" + name)) {
            return new HttpAnswer(200, type, in.readAllBytes());
        }
    }
}
