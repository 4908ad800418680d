package vn.tdkt.hub.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import vn.tdkt.hub.domain.registry.Registry;
import vn.tdkt.hub.domain.registry.RegistryLoader;

/** The small test registry of {@code src/test/resources/registry/test-registry.yaml}. */
public final class TestRegistry {

    public static final String RESOURCE = "/registry/test-registry.yaml";

    private TestRegistry() {
    }

    public static String yaml() {
        try (InputStream in = TestRegistry.class.getResourceAsStream(RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Registry load() {
        return RegistryLoader.load(yaml(), null, Set.of());
    }
}
