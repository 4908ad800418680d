package vn.tdkt.hub.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

/**
 * The hand-written OpenAPI document ({@code src/main/resources/web/openapi.json}) is valid for a maintained OpenAPI
 * parser (swagger-parser) and describes exactly the hub's HTTP face: every REST route of
 * {@code routes/http.camel.yaml}, with the route's id as operationId, plus the few endpoints served outside the
 * REST DSL ({@link #NOT_REST}). A new REST route fails this test until it is documented; an endpoint served by a
 * plain Vert.x handler goes into {@link #NOT_REST}. {@code ExportsHttpTest} checks the same against the REST
 * definitions of a running hub.
 */
class OpenApiDocumentTest {

    /** Operations served by a Vert.x handler, not the REST DSL: "METHOD path" to operationId. */
    static final Map<String, String> NOT_REST = Map.of("GET /api/events", "api-get-events");
    /** The REST routes are in every routes file (http, workbooks, ...): this one and its siblings are read. */
    private static final Path ROUTES = Path.of("routes", "http.camel.yaml");
    private static final List<String> VERBS = List.of("get", "post", "put", "delete", "patch", "head");
    private static final Pattern TEMPLATE = Pattern.compile("\\{([^}]+)}");

    private static OpenAPI api;

    @BeforeAll
    static void parse() throws IOException {
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(document(), null, new ParseOptions());
        assertThat(result.getMessages()).as("parser messages").isEmpty();
        api = result.getOpenAPI();
        assertThat(api).isNotNull();
    }

    static String document() throws IOException {
        try (InputStream in = OpenApiDocumentTest.class.getResourceAsStream("/web/openapi.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void everyRestRouteIsDocumentedUnderItsIdAndNothingElse() throws IOException {
        Map<String, String> expected = new TreeMap<>(restRoutes());
        assertThat(expected).as("REST routes found in " + ROUTES).containsEntry("GET /api/verify/{code}",
                "api-get-verify").containsEntry("POST /api/letters/{awardId}/resend", "api-post-resend");
        expected.putAll(NOT_REST);
        assertThat(new TreeMap<>(documented(api))).isEqualTo(expected);
    }

    @Test
    void operationsAreCompleteAndTheirSecurityDeclared() {
        SecurityScheme bearer = api.getComponents().getSecuritySchemes().get("bearer");
        assertThat(bearer.getType()).isEqualTo(SecurityScheme.Type.HTTP);
        assertThat(bearer.getScheme()).isEqualTo("bearer");
        Set<String> ids = new HashSet<>();
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
            String name = method + " " + path;
            assertThat(ids.add(op.getOperationId())).as("unique operationId of %s", name).isTrue();
            assertThat(op.getSummary()).as(name).isNotBlank();
            assertThat(op.getDescription()).as(name).isNotBlank();
            assertThat(op.getTags()).as(name).hasSize(1);
            assertThat(api.getTags()).as(name).anyMatch(t -> t.getName().equals(op.getTags().get(0)));
            assertThat(op.getSecurity()).as("security of %s", name).isNotNull();
            // an empty requirement ({}) is "no credential needed"
            op.getSecurity().forEach(req -> assertThat(api.getComponents().getSecuritySchemes().keySet())
                    .as("security of %s", name).containsAll(req.keySet()));
            assertThat(op.getResponses()).as(name).isNotEmpty();
            Set<String> inTemplate = new HashSet<>();
            Matcher m = TEMPLATE.matcher(path);
            while (m.find()) {
                inTemplate.add(m.group(1));
            }
            Set<String> declared = new HashSet<>();
            for (Parameter p : op.getParameters() == null ? List.<Parameter>of() : op.getParameters()) {
                if ("path".equals(p.getIn())) {
                    assertThat(p.getRequired()).as(name + " " + p.getName()).isTrue();
                    declared.add(p.getName());
                }
            }
            assertThat(declared).as("path parameters of %s", name).isEqualTo(inTemplate);
        }));
        // writes need a token (or the office's dashboard session); the verification of certificates needs none
        assertThat(operation("POST", "/api/commands").getSecurity()).isNotEmpty()
                .anySatisfy(req -> assertThat(req).containsKey("bearer"));
        assertThat(operation("POST", "/api/submissions").getSecurity()).singleElement()
                .satisfies(req -> assertThat(req).containsOnlyKeys("bearer"));
        assertThat(operation("GET", "/api/verify/{code}").getSecurity()).isEmpty();
    }

    @Test
    void theCsvFormatParameterAndTheFileNamesAreDescribed() {
        Operation csv = operation("GET", "/api/periods/{period}/export.csv");
        Parameter format = csv.getParameters().stream().filter(p -> "format".equals(p.getName())).findFirst()
                .orElseThrow();
        assertThat(format.getIn()).isEqualTo("query");
        assertThat(format.getSchema().getEnum()).containsExactly("excel-vn", "rfc4180");
        assertThat(csv.getResponses()).containsKeys("200", "400", "404");
        assertThat(csv.getResponses().get("200").getHeaders()).containsKey("Content-Disposition");
        assertThat(operation("GET", "/api/periods/{period}/export.xlsx").getResponses().get("200").getHeaders())
                .containsKey("Content-Disposition");
    }

    private static Operation operation(String method, String path) {
        return api.getPaths().get(path).readOperationsMap().get(PathItem.HttpMethod.valueOf(method));
    }

    /** Every operation of the document: "METHOD path" to operationId. */
    static Map<String, String> documented(OpenAPI doc) {
        Map<String, String> out = new LinkedHashMap<>();
        doc.getPaths().forEach((path, item) -> item.readOperationsMap()
                .forEach((method, op) -> out.put(method + " " + path, op.getOperationId())));
        return out;
    }

    static OpenAPI parsed() throws IOException {
        return new OpenAPIV3Parser().readContents(document(), null, new ParseOptions()).getOpenAPI();
    }

    /** Every REST route of the routes file: "METHOD path" (the rest's path and the verb's) to the verb's id. */
    static Map<String, String> restRoutes() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        List<Path> files;
        try (var list = Files.list(ROUTES.getParent())) {
            files = list.filter(f -> f.toString().endsWith(".camel.yaml")).sorted().toList();
        }
        for (Path routes : files) {
            restRoutes(new ObjectMapper(new YAMLFactory()).readTree(Files.readString(routes)), out);
        }
        return out;
    }

    private static void restRoutes(JsonNode file, Map<String, String> out) {
        for (JsonNode entry : file) {
            JsonNode rest = entry.get("rest");
            if (rest == null) {
                continue;
            }
            String base = rest.path("path").asText("");
            for (String verb : VERBS) {
                for (JsonNode v : rest.path(verb)) {
                    String key = verb.toUpperCase() + " " + base + v.path("path").asText("");
                    assertThat(v.path("id").asText()).as("id of %s", key).isNotEmpty();
                    assertThat(out.put(key, v.get("id").asText())).as("%s twice", key).isNull();
                }
            }
        }
    }
}
