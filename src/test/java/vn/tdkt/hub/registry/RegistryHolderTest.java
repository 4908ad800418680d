package vn.tdkt.hub.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.tdkt.hub.domain.registry.Registry;
import vn.tdkt.hub.domain.registry.RegistryException;
import vn.tdkt.hub.domain.registry.Unit;

class RegistryHolderTest {

    /** In the demo registry the same blocks are written for 2021, 2022 and 2023, in that order. */
    private static final String BLOCK_NAME = "name: \"Khối Kinh tế tổng hợp\"";

    @TempDir
    Path dir;

    private Path file;
    private String good;
    private final List<Registry> notified = new CopyOnWriteArrayList<>();

    @BeforeEach
    void writeGoodFile() throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(RegistryHolder.DEMO_RESOURCE)) {
            good = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        file = dir.resolve("registry.yaml");
        write(good);
    }

    private void write(String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private RegistryHolder holder(AtomicReference<Set<String>> closed) {
        RegistryHolder holder = RegistryHolder.fromFile(file, closed::get);
        holder.addListener(notified::add);
        return holder;
    }

    private static String unitName(Registry registry, String code) {
        return registry.unit(code).map(Unit::name).orElseThrow();
    }

    @Test
    void keepsTheLastGoodRegistryWhenTheFileTurnsBadAndPicksUpAGoodChange() throws IOException {
        RegistryHolder holder = holder(new AtomicReference<>(Set.of()));
        Registry first = holder.current();
        assertThat(unitName(first, "SO-TC")).isEqualTo("Sở Tài chính");
        assertThat(holder.lastError()).isEmpty();

        write(good.replace("ratioCap: 2.0", "ratioCap: 0.5").replace("govFlagShare: 0.20", "govFlagShare: 1.5"));
        assertThat(holder.reloadIfChanged()).isFalse();
        assertThat(holder.current()).isSameAs(first);
        assertThat(holder.lastError().orElseThrow().problems()).containsExactly(
                "rules.ratioCap: must be at least 1, not 0.5", "rules.govFlagShare: must be within 0..1, not 1.5");
        assertThat(holder.reloadIfChanged()).as("same bad content again").isFalse();
        assertThat(holder.lastError()).isPresent();
        assertThat(notified).isEmpty();

        write(good.replace("\"Sở Tài chính\"", "\"Sở Tài chính tỉnh Hà Nam\""));
        assertThat(holder.reloadIfChanged()).isTrue();
        assertThat(unitName(holder.current(), "SO-TC")).isEqualTo("Sở Tài chính tỉnh Hà Nam");
        assertThat(holder.lastError()).isEmpty();
        assertThat(notified).containsExactly(holder.current());
    }

    @Test
    void sameContentWithANewModificationTimeIsNoChange() throws IOException {
        RegistryHolder holder = holder(new AtomicReference<>(Set.of()));
        Registry first = holder.current();
        write(good);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(60)));

        assertThat(holder.reloadIfChanged()).isFalse();
        assertThat(holder.current()).isSameAs(first);
        assertThat(notified).isEmpty();
    }

    @Test
    void aBadFileAtStartStopsTheHubWithEveryProblem() throws IOException {
        write(good.replace("ratioCap: 2.0", "ratioCap: 0.5")
                .replace("thresholds: { XUAT_SAC: 90, TOT: 70", "thresholds: { XUAT_SAC: 60, TOT: 70"));

        assertThatThrownBy(() -> RegistryHolder.fromFile(file, Set::of))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.problems()).containsExactly(
                        "rules.ratioCap: must be at least 1, not 0.5",
                        "rules.thresholds: thresholds out of order: XUAT_SAC 60, TOT 70, HOAN_THANH 50"
                                + " (XUAT_SAC > TOT > HOAN_THANH is required)"));
    }

    @Test
    void anUnreadableFileKeepsTheLastGoodRegistryUntilItIsBack() throws IOException {
        RegistryHolder holder = holder(new AtomicReference<>(Set.of()));
        Registry first = holder.current();

        Files.delete(file);
        assertThat(holder.reloadIfChanged()).isFalse();
        assertThat(holder.current()).isSameAs(first);
        assertThat(holder.lastError().orElseThrow().problems().get(0))
                .startsWith("registry: cannot read ");

        Files.write(file, new byte[] {'a', ':', ' ', (byte) 0xC3, '\n'});
        assertThat(holder.reloadIfChanged()).isFalse();
        assertThat(holder.lastError().orElseThrow().problems().get(0))
                .endsWith("is not valid UTF-8");

        write(good);
        assertThat(holder.reloadIfChanged()).as("the same registry as before: no change").isFalse();
        assertThat(holder.lastError()).isEmpty();
        assertThat(notified).isEmpty();
    }

    @Test
    void aChangeToAClosedPeriodIsRefusedAndToAnOpenOneAccepted() throws IOException {
        AtomicReference<Set<String>> closed = new AtomicReference<>(Set.of());
        RegistryHolder holder = holder(closed);
        Registry first = holder.current();
        closed.set(Set.of("2021"));

        String renamed = "name: \"Khối Kinh tế tổng hợp tỉnh Hà Nam\"";
        int firstAt = good.indexOf(BLOCK_NAME);
        write(good.substring(0, firstAt) + renamed + good.substring(firstAt + BLOCK_NAME.length()));
        assertThat(holder.reloadIfChanged()).isFalse();
        assertThat(holder.current()).isSameAs(first);
        assertThat(holder.lastError().orElseThrow().problems()).containsExactly(
                "periods[2021]: period 2021 is closed: its blocks, units and criteria can no longer be changed");

        int lastAt = good.lastIndexOf(BLOCK_NAME);
        write(good.substring(0, lastAt) + renamed + good.substring(lastAt + BLOCK_NAME.length()));
        assertThat(holder.reloadIfChanged()).isTrue();
        // the last period of the demo registry (2024, open) is renamed
        assertThat(holder.current().blockOf("2024", "SO-TC").orElseThrow().name())
                .isEqualTo("Khối Kinh tế tổng hợp tỉnh Hà Nam");
        assertThat(holder.current().blockOf("2021", "SO-TC").orElseThrow().name())
                .isEqualTo("Khối Kinh tế tổng hợp");
    }

    @Test
    void theTimerPicksUpAChange() throws IOException {
        try (RegistryHolder holder = holder(new AtomicReference<>(Set.of()))) {
            holder.start(Duration.ofMillis(50));
            assertThatThrownBy(() -> holder.start(Duration.ofMillis(50))).isInstanceOf(IllegalStateException.class);
            write(good.replace("\"Sở Y tế\"", "\"Sở Y tế tỉnh Hà Nam\""));

            await().atMost(Duration.ofSeconds(10)).until(() -> !notified.isEmpty());
            assertThat(unitName(notified.get(0), "SO-YT")).isEqualTo("Sở Y tế tỉnh Hà Nam");
        }
    }
}
