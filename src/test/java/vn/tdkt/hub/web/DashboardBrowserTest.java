package vn.tdkt.hub.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.tdkt.hub.support.Records.actual;
import static vn.tdkt.hub.support.Records.submission;
import static vn.tdkt.hub.support.Records.target;

import java.io.File;
import java.io.IOException;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.fasterxml.jackson.databind.JsonNode;

import vn.tdkt.hub.app.Hub;
import vn.tdkt.hub.config.Topics;
import vn.tdkt.hub.support.Http;
import vn.tdkt.hub.support.HubHarness;
import vn.tdkt.hub.support.TestDatabases;
import vn.tdkt.hub.support.TestKafka;

/**
 * The live dashboard (issue 5) in a real headless Chromium against a running hub (shared test broker, H2, test
 * registry): the ranking shown matches the JSON API, a new submission re-ranks the block live without a page
 * reload, markup in a published value is shown as text, and whole-page screenshots are saved to
 * {@code target/dashboard.png} and {@code target/dashboard-projector.png} (after the projector mode toggle).
 *
 * <p>The office's working year (issue 20: period selector, reporting progress, unit panel, search, a hold and a
 * close sent from the page, the awards filters) is covered in 2022 by a second test on the same hub and browser.
 *
 * <p>Scores of block KT-TH, 2023, worked by hand in {@code IntakeServiceTest}: SO-KHDT alone 78.75 (TOT); then
 * SO-TC 80.00 (TOT) and SO-KHDT 68.75 (HOAN_THANH, KT3 is relative: 20 * 10/20 = 10 instead of 20). The DP block
 * gets three reports only so that the page (and the screenshot) shows two ranked blocks.
 */
class DashboardBrowserTest {

    static final int WIDTH = 1600;
    static final String BLOCK = "KT-TH";
    static final String KHDT = submission("web-khdt", "SO-KHDT", "2023", "2024-01-10T09:00:00+07:00", List.of(
            target("KT1", "6", "5.3"), target("KT2", "5", "4"), actual("KT3", "10"), actual("XH1", "true"),
            actual("XH2", "3"), actual("TH1", "1"), actual("TR1", "2")));
    static final String TC = submission("web-tc", "SO-TC", "2023", "2024-01-11T09:00:00+07:00", List.of(
            target("KT1", "6", "7.2"), target("KT2", "5", "5"), actual("KT3", "20"), actual("XH1", "false"),
            actual("XH2", "4")));
    static final Map<String, String> DP = Map.of(
            "UBND-PL", dp("web-pl", "UBND-PL", "9.5", "3", "40", "4"),
            "UBND-BL", dp("web-bl", "UBND-BL", "7", "4", "25", "2"),
            "UBND-LN", dp("web-ln", "UBND-LN", "8", "6", "30", "3"));
    static final String UNKNOWN_CRITERION = submission("web-ct", "SO-CT", "2023", "2024-01-10T11:00:00+07:00",
            List.of(actual("TH9", "1")));
    static final String MARKUP = "<img src=x onerror=window.__xss=1>"; // no quotes: Records builds JSON by hand

    @TempDir
    static Path dir;
    static Hub hub;
    static Http http;
    static Topics topics;
    static ChromeDriver driver;

    @BeforeAll
    static void start() throws Exception {
        HubHarness harness = new HubHarness(dir, TestDatabases.Kind.H2);
        topics = harness.topics();
        hub = harness.start();
        http = new Http(hub.httpBase(), HubHarness.OFFICE_TOKEN);

        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + Files.createDirectories(dir.resolve("chrome")),
                "--window-size=" + WIDTH + ",1000", "--lang=vi-VN");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() {
        try {
            if (driver != null) {
                driver.quit();
            }
        } finally {
            if (hub != null) {
                hub.close();
            }
        }
    }

    @Test
    void showsTheApiRankingUpdatesItLiveAndShowsMarkupAsText() throws Exception {
        List<Map.Entry<String, byte[]>> first = new ArrayList<>(List.of(Map.entry("SO-KHDT", bytes(KHDT)),
                Map.entry("SO-CT", bytes(UNKNOWN_CRITERION))));
        DP.forEach((unit, s) -> first.add(Map.entry(unit, bytes(s))));
        TestKafka.publish(topics.results(), first);
        await().atMost(Duration.ofSeconds(30)).until(() -> apiRows().contains("1|SO-KHDT|78,75|rating-tot"));
        awaitLiveConsumer();

        driver.get(hub.httpBase() + "/dashboard/2023");
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        logIn(wait);
        wait.withMessage(() -> "the page shows " + pageRows() + ", the API " + apiRows() + "; status and rejections: "
                + js("return document.querySelector('.controls').innerText + ' / '"
                + " + document.getElementById('rejections').innerText;"));
        wait.until(d -> d.findElement(By.id("connection")).getDomAttribute("class").contains("online"));
        wait.until(d -> !pageRows().isEmpty() && pageRows().equals(apiRows()));
        // SO-KHDT alone: 78.75, shown vi-VN as 78,75; SO-CT and SO-TC have no score yet: incomplete, no rank, 0,00,
        // after the complete units, in unit code order (rulebook: equal scores, no members, no targets met)
        assertThat(pageRows()).containsExactly("1|SO-KHDT|78,75|rating-tot", "—|SO-CT|0,00|rating-none",
                "—|SO-TC|0,00|rating-none");
        assertThat(driver.findElements(By.cssSelector("#block-ranking li[data-block]"))).hasSize(2);
        wait.until(d -> !d.findElements(By.cssSelector("#rejections .reason[data-code='UNKNOWN_CRITERION']"))
                .isEmpty());

        js("window.__noReload = 42;");
        long liveUpdates = Long.parseLong(driver.findElement(By.id("last-update")).getDomAttribute("data-updates"));
        TestKafka.publish(topics.results(), List.of(Map.entry("SO-TC", bytes(TC))));
        // SO-TC 80.00 overtakes SO-KHDT, whose relative KT3 drops it to 68.75 (HOAN_THANH)
        wait.until(d -> pageRows().size() == 3 && pageRows().subList(0, 2).equals(List.of(
                "1|SO-TC|80,00|rating-tot", "2|SO-KHDT|68,75|rating-hoan_thanh")));
        assertThat(js("return window.__noReload;")).as("the page was not reloaded").isEqualTo(42L);
        assertThat(Long.parseLong(driver.findElement(By.id("last-update")).getDomAttribute("data-updates")))
                .as("the change came as a live event").isGreaterThan(liveUpdates);
        assertThat(pageRows()).isEqualTo(apiRows());

        String withMarkup = submission("web-xss", MARKUP, "2023", "2024-01-12T09:00:00+07:00",
                List.of(actual("KT3", "1")));
        TestKafka.publish(topics.results(), List.of(Map.entry("SO-TC", bytes(withMarkup))));
        wait.until(d -> (Boolean) js("return [...document.querySelectorAll('#rejections .rejection .unit')]"
                + ".some((e) => e.textContent === arguments[0]);", MARKUP));
        assertThat(driver.findElements(By.tagName("img"))).as("markup is not interpreted").isEmpty();
        assertThat(js("return window.__xss === undefined && window.__noReload === 42;")).isEqualTo(true);

        screenshot("dashboard.png");
        driver.findElement(By.id("projector-toggle")).click();
        assertThat(driver.findElement(By.tagName("html")).getDomAttribute("class")).contains("projector");
        screenshot("dashboard-projector.png");

        // logging out ends the session: the login page again, and the API refuses the browser
        driver.findElement(By.id("logout")).click();
        wait.until(d -> !d.findElements(By.id("login-form")).isEmpty());
        assertThat(driver.manage().getCookieNamed("tdkt_session")).isNull();
        assertThat(fetchStatus("/api/periods/2023/standings")).isEqualTo(401);
    }

    /**
     * The working year (issue 20), in 2022 (the other test uses 2023): the period selector (newest open year by
     * default, the address follows the choice), the reporting progress (complete, incomplete with its missing
     * criteria, not reported) as the API says, the unit panel with every criterion's points and how they were
     * computed, the search, the office holding a unit from the page (the hold is in the API, its reason shown as
     * text), closing the period after a confirmation naming it (cancelled first: still open), and the awards with
     * their filters, reason and legal basis. Screenshots: {@code target/dashboard-working-year.png},
     * {@code target/dashboard-unit.png}.
     *
     * <p>2022, block KT-TH: SO-KHDT reports everything at r = 2 (the block's best): 30 + 20 + 20 + 10 + 20 = 100,
     * XUAT_SAC; SO-TC reports KT1 (r = 1: 15) and KT3 (20 · 10/20 = 10) only: 25, incomplete, missing KT2, XH1,
     * XH2; SO-CT and the DP block report nothing. So 1/6 complete, 1 incomplete, 4 not reported.
     */
    @Test
    void theOfficesWorkingYearProgressUnitPageHoldCloseAndAwards() throws Exception {
        TestKafka.publish(topics.results(), List.of(
                Map.entry("SO-KHDT", bytes(submission("wy-khdt", "SO-KHDT", "2022", "2023-01-10T09:00:00+07:00",
                        List.of(target("KT1", "6", "12"), target("KT2", "5", "2.5"), actual("KT3", "20"),
                                actual("XH1", "true"), actual("XH2", "4"))))),
                Map.entry("SO-TC", bytes(submission("wy-tc", "SO-TC", "2022", "2023-01-11T09:00:00+07:00",
                        List.of(target("KT1", "6", "6"), actual("KT3", "10")))))));
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode p = Http.json(http.get("/api/periods/2022/progress"));
            return p.get("completeCount").asInt() == 1 && p.get("incompleteCount").asInt() == 1;
        });
        awaitLiveConsumer();
        JsonNode progress = Http.json(http.get("/api/periods/2022/progress"));
        assertThat(progress.get("unitCount").asInt()).isEqualTo(6);
        assertThat(progress.get("notReportedCount").asInt()).isEqualTo(4);

        driver.get(hub.httpBase() + "/dashboard");
        driver.manage().deleteAllCookies();
        driver.get(hub.httpBase() + "/dashboard");
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        wait.until(d -> !d.findElements(By.id("login-form")).isEmpty());
        driver.findElement(By.id("token")).sendKeys(HubHarness.OFFICE_TOKEN);
        driver.findElement(By.id("login-button")).click();
        wait.until(d -> !d.findElements(By.cssSelector("#period-select option")).isEmpty());

        // the period selector: every period of the API, the newest open one chosen
        List<String> apiPeriods = new ArrayList<>();
        String newestOpen = null;
        for (JsonNode p : Http.json(http.get("/api/periods"))) {
            apiPeriods.add(p.get("period").asText());
            if (newestOpen == null && !p.get("closed").asBoolean()) {
                newestOpen = p.get("period").asText();
            }
        }
        Select periods = new Select(driver.findElement(By.id("period-select")));
        assertThat(periods.getOptions().stream().map(o -> o.getDomAttribute("value")).toList())
                .isEqualTo(apiPeriods);
        assertThat(periods.getFirstSelectedOption().getDomAttribute("value")).isEqualTo(newestOpen).isEqualTo("2023");
        periods.selectByValue("2022");
        wait.until(d -> d.getCurrentUrl().endsWith("/dashboard/2022"));

        // the progress view, as the API says
        wait.until(d -> d.findElement(By.id("progress-summary")).getText().startsWith("1/6 đơn vị đã báo cáo đầy đủ"));
        assertThat(driver.findElement(By.id("progress-summary")).getText())
                .contains("1 chưa đủ tiêu chí", "4 chưa báo cáo");
        assertThat(progressStates()).containsExactlyInAnyOrder("SO-KHDT=COMPLETE", "SO-TC=INCOMPLETE",
                "SO-CT=NOT_REPORTED", "UBND-PL=NOT_REPORTED", "UBND-BL=NOT_REPORTED", "UBND-LN=NOT_REPORTED");
        assertThat(driver.findElement(By.cssSelector("#progress li[data-unit='SO-TC'] .missing")).getText())
                .isEqualTo("Thiếu: KT2 (Tỷ lệ hộ nghèo), XH1 (Thực hiện văn hóa công sở), "
                        + "XH2 (Mô hình, điển hình tiên tiến)");

        // the search, accents and case ignored
        driver.findElement(By.id("search")).sendKeys("tai chinh");
        wait.until(d -> visibleProgressUnits().equals(List.of("SO-TC")));
        driver.findElement(By.id("search")).clear();
        js("document.getElementById('search').dispatchEvent(new Event('input'));");
        wait.until(d -> visibleProgressUnits().size() == 6);

        // the unit page: every criterion's target, actual, ratio, points and how they were computed
        driver.findElement(By.cssSelector("#progress button.unit-link[data-unit='SO-KHDT']")).click();
        wait.until(d -> d.findElements(By.cssSelector("#scorecard tbody tr[data-criterion]")).size() == 7);
        JsonNode card = Http.json(http.get("/api/periods/2022/units/SO-KHDT"));
        for (JsonNode line : card.get("criteria")) {
            String c = line.get("criterion").asText();
            var row = driver.findElement(By.cssSelector("#scorecard tr[data-criterion='" + c + "']"));
            assertThat(row.findElement(By.cssSelector("td.points")).getText()).as(c).isEqualTo(
                    line.get("points").decimalValue().setScale(2, RoundingMode.UNNECESSARY).toPlainString()
                            .replace('.', ',') + " / " + line.get("maxPoints").decimalValue().stripTrailingZeros()
                            .toPlainString());
            assertThat(row.findElement(By.cssSelector("td.explain")).getText()).as(c).isNotBlank();
        }
        assertThat(driver.findElement(By.cssSelector("#scorecard tr[data-criterion='KT1'] td.explain")).getText())
                .startsWith("r = A / T = 12 / 6 = 2");
        assertThat(driver.findElement(By.cssSelector("#scorecard tr[data-criterion='XH2'] td.explain")).getText())
                .isEqualTo("Điểm = min(MS, A × điểm mỗi mục) = min(20, 4 × 5) = 20,00.");
        assertThat(driver.findElement(By.cssSelector("#scorecard tr[data-criterion='TH1'] td.explain")).getText())
                .contains("không bắt buộc");
        assertThat(driver.findElement(By.id("unit-summary")).getText()).contains("Tổng điểm: 100,00",
                "Hoàn thành xuất sắc nhiệm vụ");
        screenshot("dashboard-unit.png");

        // an office action end to end: hold SO-KHDT; the reason is sent as typed and shown as text
        String reason = "Đang thanh tra <b>kỷ luật</b>";
        driver.findElement(By.id("hold-reason")).sendKeys(reason);
        driver.findElement(By.id("hold-button")).click();
        wait.until(d -> d.findElement(By.id("action-result")).getText()
                .equals("Đã tạm giữ khen thưởng của đơn vị SO-KHDT (năm 2022)."));
        JsonNode held = StreamSupport.stream(Http.json(http.get("/api/periods/2022/progress")).get("blocks")
                        .spliterator(), false).flatMap(b -> StreamSupport.stream(b.get("units").spliterator(), false))
                .filter(u -> u.get("unitCode").asText().equals("SO-KHDT")).findFirst().orElseThrow().get("holds");
        assertThat(held).hasSize(1);
        assertThat(held.get(0).get("reason").asText()).isEqualTo(reason);
        assertThat(held.get(0).get("staffCode").isNull()).isTrue();
        wait.until(d -> d.findElement(By.id("unit-holds")).getText().contains("Tập thể đơn vị: " + reason));
        assertThat(driver.findElements(By.cssSelector("#unit-holds b"))).as("markup is text").isEmpty();

        // closing asks first, naming the period; cancelled, nothing happens
        driver.findElement(By.id("close-period")).click();
        wait.until(d -> d.findElement(By.id("confirm-dialog")).isDisplayed());
        assertThat(driver.findElement(By.id("confirm-title")).getText()).isEqualTo("Khóa sổ kỳ thi đua năm 2022?");
        assertThat(driver.findElement(By.id("confirm-text")).getText()).contains("năm 2022", "không thể hoàn tác");
        driver.findElement(By.id("confirm-cancel")).click();
        wait.until(d -> !d.findElement(By.id("confirm-dialog")).isDisplayed());
        assertThat(periodClosed("2022")).isFalse();
        driver.findElement(By.id("close-period")).click();
        wait.until(d -> d.findElement(By.id("confirm-dialog")).isDisplayed());
        driver.findElement(By.id("confirm-ok")).click();
        wait.until(d -> d.findElement(By.id("action-result")).getText().startsWith("Đã khóa sổ kỳ thi đua năm 2022"));
        assertThat(periodClosed("2022")).isTrue();
        wait.until(d -> d.findElement(By.id("period-status")).getText().equals("Đã khóa sổ"));
        assertThat(driver.findElement(By.id("close-period")).isEnabled()).isFalse();

        // the awards: as the API, filtered by award and by status, with reason and legal basis
        List<JsonNode> awards = await().atMost(Duration.ofSeconds(30)).until(() -> StreamSupport.stream(
                Http.json(http.get("/api/periods/2022/awards")).spliterator(), false).map(a -> a.get("award"))
                .toList(), list -> list.stream().anyMatch(a -> a.get("status").asText().equals("WITHHELD")));
        wait.until(d -> awardRows().size() == awards.size());
        assertThat(awardRows()).containsExactlyInAnyOrderElementsOf(awards.stream()
                .map(a -> a.get("awardId").asText() + "|" + a.get("status").asText()).toList());
        new Select(driver.findElement(By.id("status-filter"))).selectByValue("WITHHELD");
        List<String> withheld = awards.stream().filter(a -> a.get("status").asText().equals("WITHHELD"))
                .map(a -> a.get("awardId").asText() + "|WITHHELD").toList();
        wait.until(d -> awardRows().equals(withheld));
        assertThat(withheld).contains("2022:CO_THI_DUA_TINH:SO-KHDT|WITHHELD");
        new Select(driver.findElement(By.id("status-filter"))).selectByValue("");
        new Select(driver.findElement(By.id("award-filter"))).selectByValue("CO_THI_DUA_TINH");
        wait.until(d -> awardRows().equals(List.of("2022:CO_THI_DUA_TINH:SO-KHDT|WITHHELD")));
        JsonNode flag = awards.stream().filter(a -> a.get("awardCode").asText().equals("CO_THI_DUA_TINH"))
                .findFirst().orElseThrow();
        // read in one script: the rows are redrawn when a letter event arrives
        String expected = flag.get("reason").get("rule").asText() + "|Căn cứ: "
                + flag.get("reason").get("legalBasis").asText();
        wait.until(d -> expected.equals(js("const tr = document.querySelector("
                + "\"#awards tr[data-award='2022:CO_THI_DUA_TINH:SO-KHDT']\");"
                + "return tr && tr.querySelector('.rule').textContent + '|'"
                + " + tr.querySelector('.legal-basis').textContent;")));
        new Select(driver.findElement(By.id("award-filter"))).selectByValue("");
        wait.until(d -> awardRows().size() == awards.size());
        driver.findElement(By.id("unit-close")).click();
        wait.until(d -> !d.findElement(By.id("unit-panel")).isDisplayed());
        screenshot("dashboard-working-year.png");

        // a department reads the progress of its own units only (SO-KHDT, SO-TC), without the holds
        JsonNode own = Http.json(http.as(HubHarness.KHDT_TOKEN).get("/api/periods/2022/progress"));
        assertThat(own.get("unitCount").asInt()).isEqualTo(2);
        assertThat(own.get("blocks")).hasSize(1);
        assertThat(StreamSupport.stream(own.get("blocks").get(0).get("units").spliterator(), false)
                .map(u -> u.get("unitCode").asText() + "|" + u.has("holds")).toList())
                .containsExactly("SO-KHDT|false", "SO-TC|false");

        driver.findElement(By.id("logout")).click();
        wait.until(d -> !d.findElements(By.id("login-form")).isEmpty());
    }

    /** The units of the progress view as unit=state. */
    @SuppressWarnings("unchecked")
    static List<String> progressStates() {
        return (List<String>) js("return [...document.querySelectorAll('#progress li[data-unit]')]"
                + ".map((li) => li.dataset.unit + '=' + li.dataset.state);");
    }

    @SuppressWarnings("unchecked")
    static List<String> visibleProgressUnits() {
        return (List<String>) js("return [...document.querySelectorAll('#progress li[data-unit]')]"
                + ".filter((li) => !li.hidden).map((li) => li.dataset.unit);");
    }

    /** The award rows shown, as awardId|status. */
    @SuppressWarnings("unchecked")
    static List<String> awardRows() {
        return (List<String>) js("return [...document.querySelectorAll('#awards tbody tr[data-award]')]"
                + ".map((tr) => tr.dataset.award + '|' + tr.dataset.status);");
    }

    static boolean periodClosed(String period) {
        return StreamSupport.stream(Http.json(http.get("/api/periods")).spliterator(), false)
                .filter(p -> p.get("period").asText().equals(period)).findFirst().orElseThrow()
                .get("closed").asBoolean();
    }

    /**
     * Without a session the dashboard is refused: the login page (Vietnamese) instead of data, and the API answers
     * the browser 401. A wrong token is refused with a message; the office's token opens an HttpOnly,
     * SameSite=Strict session and the dashboard.
     */
    static void logIn(WebDriverWait wait) {
        wait.until(d -> !d.findElements(By.id("login-form")).isEmpty());
        assertThat(driver.findElements(By.id("block-ranking"))).as("no data without a session").isEmpty();
        assertThat(driver.getPageSource()).contains("Đăng nhập", "Mã truy cập");
        assertThat(fetchStatus("/api/periods/2023/standings")).isEqualTo(401);
        assertThat(fetchStatus("/api/rejections")).isEqualTo(401);

        driver.findElement(By.id("token")).sendKeys("not-the-token");
        driver.findElement(By.id("login-button")).click();
        wait.until(d -> d.findElement(By.id("login-message")).getText().contains("không đúng"));
        assertThat(driver.manage().getCookieNamed("tdkt_session")).isNull();

        driver.findElement(By.id("token")).sendKeys(HubHarness.OFFICE_TOKEN);
        driver.findElement(By.id("login-button")).click();
        wait.until(d -> !d.findElements(By.id("block-ranking")).isEmpty());
        var cookie = driver.manage().getCookieNamed("tdkt_session");
        assertThat(cookie).isNotNull();
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getSameSite()).isEqualTo("Strict");
        assertThat(js("return document.cookie;")).as("not readable by scripts").isEqualTo("");
        assertThat(driver.getPageSource()).doesNotContain(HubHarness.OFFICE_TOKEN);
    }

    /** The HTTP status of a same-origin GET made by the page (with its cookies, without any token). */
    static long fetchStatus(String path) {
        return (Long) driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "fetch(arguments[0], { cache: 'no-store' }).then((r) => done(r.status), () => done(-1));", path);
    }

    /** Saves a screenshot of the whole page under target/ (the window grown to the page's height); checks the PNG. */
    static void screenshot(String name) throws IOException {
        long height = (Long) js("return document.documentElement.scrollHeight + outerHeight - innerHeight;");
        driver.manage().window().setSize(new Dimension(WIDTH, (int) height));
        Path file = Files.createDirectories(Path.of("target")).resolve(name);
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        assertThat(Files.size(file)).isGreaterThan(10_000);
        assertThat(Files.readAllBytes(file)).startsWith(0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n');
    }

    /** The DP block's report of one unit (values chosen only to spread the scores). */
    static String dp(String id, String unit, String kt1, String kt2, String kt3, String xh2) {
        return submission(id, unit, "2023", "2024-01-10T10:00:00+07:00", List.of(target("KT1", "8", kt1),
                target("KT2", "5", kt2), actual("KT3", kt3), actual("XH1", "true"), actual("XH2", xh2)));
    }

    /** The block's rows on the page as rank|unit|score|rating class, read in one script (the page redraws them). */
    @SuppressWarnings("unchecked")
    static List<String> pageRows() {
        return (List<String>) js("""
                return [...document.querySelectorAll(
                    "section.block[data-block='" + arguments[0] + "'] > table.ranking tr[data-unit]")].map((tr) => [
                  tr.querySelector('td.rank').textContent, tr.dataset.unit, tr.querySelector('td.score').textContent,
                  [...tr.querySelector('td.rating').classList].find((c) => c.startsWith('rating-'))].join('|'));""",
                BLOCK);
    }

    /** The same rows from the JSON API (none before the block's first snapshot), the score written the vi-VN way. */
    static List<String> apiRows() {
        return StreamSupport.stream(Http.json(http.get("/api/periods/2023/standings")).spliterator(), false)
                .filter(b -> BLOCK.equals(b.get("blockCode").asText())).findFirst()
                .map(b -> StreamSupport.stream(b.get("units").spliterator(), false).map(u -> String.join("|",
                        u.get("rank").isNull() ? "—" : u.get("rank").asText(), u.get("unitCode").asText(),
                        u.get("score").decimalValue().setScale(2, RoundingMode.UNNECESSARY).toPlainString()
                                .replace('.', ','), // 2 decimals, decimal comma
                        u.get("rating").isNull() ? "rating-none" : "rating-" + u.get("rating").asText().toLowerCase()))
                        .toList())
                .orElse(List.of());
    }

    /**
     * Waits until the hub's live-events consumer (group {@code {group}-live-…}, newest records only) has its
     * partitions: a record published before that would never reach the page.
     */
    static void awaitLiveConsumer() {
        String prefix = hub.config().get("tdkt.kafka.group") + "-live-";
        try (Admin admin = Admin.create(hub.kafkaClientProps())) {
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                List<String> groups = admin.listGroups().all().get().stream()
                        .map(GroupListing::groupId).filter(g -> g.startsWith(prefix)).toList();
                return !groups.isEmpty() && admin.describeConsumerGroups(groups).all().get().values().stream()
                        .flatMap(g -> g.members().stream()).anyMatch(m -> !m.assignment().topicPartitions().isEmpty());
            });
        }
    }

    static Object js(String script, Object... args) {
        return driver.executeScript(script, args);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
