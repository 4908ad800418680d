package vn.tdkt.hub.domain.letter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.tdkt.hub.domain.letter.LetterFixtures.ISSUER;
import static vn.tdkt.hub.domain.letter.LetterFixtures.REGISTRY;
import static vn.tdkt.hub.domain.letter.LetterFixtures.TEMPLATES;
import static vn.tdkt.hub.domain.letter.LetterFixtures.letter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.tdkt.hub.domain.award.Award;
import vn.tdkt.hub.domain.registry.Registry;
import vn.tdkt.hub.domain.registry.Unit;

/** Letters and the summary mail rendered from the project's templates (rulebook section 6). */
class LetterRendererTest {

    private static final LetterRenderer RENDERER = new LetterRenderer(TEMPLATES);

    /** The parts of the Nghị định 30/2020 layout every letter carries, with the demo issuer and date 2024-01-05. */
    private static final List<String> LAYOUT = List.of(
            "UBND TỈNH HÀ NAM", "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG", "Số: 12/TB-HĐTĐKT",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
            "Hà Nam, ngày 05 tháng 01 năm 2024", "THÔNG BÁO", "TM. HỘI ĐỒNG", "CHỦ TỊCH", "Trương Quốc Huy",
            "Nơi nhận:", "Lưu: VT, TĐKT.");

    @Test
    void unitAwardLetter() {
        Letter letter = letter(LetterFixtures.unitFlag());
        RenderedLetter out = RENDERER.render(letter, ISSUER);

        assertThat(out.subject()).isEqualTo(letter.subject());
        for (String part : both(out)) {
            assertLayout(part, "Cờ thi đua của UBND tỉnh");
            assertThat(part).contains("UBND huyện Bình Lục", "được tặng", "năm 2023",
                    "Căn cứ Luật Thi đua, khen thưởng 2022, Điều 26 khoản 1",
                    "Lý do: Đơn vị xếp hạng nhất khối thi đua",
                    "Khối thi đua: Khối các huyện, thị xã, thành phố", "Xếp hạng trong khối: thứ 1",
                    "Điểm thi đua: 96,45 điểm", "Xếp loại: Hoàn thành xuất sắc nhiệm vụ",
                    letter.verificationCode(), "ubndbl@hanam.example", "tdkt@hanam.example")
                    .contains("Giấy chứng nhận khen thưởng").doesNotContain("đề nghị cấp trên");
        }
    }

    @Test
    void personAwardLetterNamesThePersonAndTheirUnit() {
        RenderedLetter out = RENDERER.render(letter(LetterFixtures.personCertificate()), ISSUER);

        for (String part : both(out)) {
            assertLayout(part, "Bằng khen của Chủ tịch UBND tỉnh");
            assertThat(part).contains("Cá nhân", "Nguyễn Thị Hoa", "UBND huyện Bình Lục", "năm 2023",
                    "đạt danh hiệu Chiến sĩ thi đua cơ sở 2 năm liên tục",
                    "Năm 2022: Hoàn thành xuất sắc nhiệm vụ; đạt danh hiệu Chiến sĩ thi đua cơ sở;"
                            + " 1 sáng kiến cấp cơ sở, 0 sáng kiến cấp tỉnh",
                    "Năm 2023: Hoàn thành tốt nhiệm vụ; đạt danh hiệu Chiến sĩ thi đua cơ sở;"
                            + " 0 sáng kiến cấp cơ sở, 1 sáng kiến cấp tỉnh",
                    "Tổng số sáng kiến: 2");
        }
    }

    @Test
    void blockPrizeLetterNamesTheBlockAndItsLeadingUnit() {
        RenderedLetter out = RENDERER.render(letter(LetterFixtures.blockPrize()), ISSUER);

        for (String part : both(out)) {
            assertLayout(part, "Giải Nhất khối thi đua");
            assertThat(part).contains("Khối các huyện, thị xã, thành phố",
                    "đơn vị trưởng khối: ", "UBND thành phố Phủ Lý", "ubndpl@hanam.example", "năm 2023",
                    "Xếp hạng của khối: thứ 1", "Điểm trung bình của khối: 91,20 điểm");
        }
    }

    @Test
    void proposalLetterSaysTheProvinceProposesItToTheHigherLevel() {
        RenderedLetter out = RENDERER.render(letter(LetterFixtures.proposal()), ISSUER);

        for (String part : both(out)) {
            assertLayout(part, "Cờ thi đua của Chính phủ");
            assertThat(part).contains("UBND huyện Bình Lục", "đề nghị cấp trên khen thưởng", "năm 2023",
                    "Hoàn thành tất cả các chỉ tiêu: có", "Thứ tự trong danh sách đề nghị: 1",
                    "tdkt@hanam.example")
                    .doesNotContain("ubndbl@hanam.example", "Giấy chứng nhận khen thưởng");
        }
    }

    @Test
    void dateFollowsDecree30() {
        // Decree 30/2020: a leading zero for days below 10 and for months 1 and 2 only.
        Letter letter = Letter.of(LetterFixtures.unitFlag(), REGISTRY, "7/TB-HĐTĐKT", LocalDate.of(2024, 3, 15),
                "C", LetterFixtures.MAIL_DOMAIN);

        for (String part : both(RENDERER.render(letter, ISSUER))) {
            assertThat(part).contains("Hà Nam, ngày 15 tháng 3 năm 2024", "Số: 7/TB-HĐTĐKT");
        }
    }

    @Test
    void htmlIsACompleteSelfContainedDocument() {
        String html = RENDERER.render(letter(LetterFixtures.unitFlag()), ISSUER).html();

        assertThat(html).startsWith("<!DOCTYPE html>").contains("<meta charset=\"UTF-8\">", "<title>",
                "Times New Roman").endsWith("</html>\n")
                .doesNotContain("<link", "<script", "<style", "flex", "src=\"http");
        for (String tag : List.of("html", "head", "body", "table", "tr", "td", "div", "p", "ul", "li", "b")) {
            assertThat(count(html, "<" + tag + "[ >]")).as(tag).isEqualTo(count(html, "</" + tag + ">"));
        }
    }

    @Test
    void personSuppliedValuesCannotInjectMarkupOrHeaders() {
        String evil = "UBND huyện Bình Lục\r\nBcc: evil@x<script>alert(1)</script>";
        Registry registry = withUnitName(evil);
        for (Award award : List.of(LetterFixtures.unitFlag(evil), LetterFixtures.personCertificate(evil))) {
            Letter letter = letter(award, registry);
            RenderedLetter out = RENDERER.render(letter, ISSUER);

            assertThat(out.subject()).doesNotContain("\r", "\n");
            assertThat(out.html()).doesNotContain("<script", "alert(1)</")
                    .contains("UBND huyện Bình Lục  Bcc: evil@x&lt;script&gt;alert(1)&lt;/script&gt;");
            assertThat(out.text()).doesNotContain("\r").contains("UBND huyện Bình Lục  Bcc: evil@x<script>");
            assertThat(out.text().lines()).noneMatch(line -> line.startsWith("Bcc:"));
        }
    }

    @Test
    void decomposedNamesAreWrittenComposed() {
        String nfd = Normalizer.normalize("Nguyễn Thị Hoa", Normalizer.Form.NFD);
        assertThat(nfd).isNotEqualTo("Nguyễn Thị Hoa");

        RenderedLetter out = RENDERER.render(letter(LetterFixtures.personCertificate(nfd)), ISSUER);

        assertThat(out.subject()).contains("Nguyễn Thị Hoa");
        for (String part : both(out)) {
            assertThat(part).contains("Nguyễn Thị Hoa").doesNotContain(nfd);
        }
    }

    @Test
    void summaryListsEveryAwardOfThePeriod() {
        List<Award> awards = List.of(LetterFixtures.unitFlag(), LetterFixtures.withheld(),
                LetterFixtures.proposal(), LetterFixtures.blockPrize(), LetterFixtures.personCertificate());
        Map<String, String> numbers = Map.of(
                "2023:CO_THI_DUA_TINH:UBND-BL", "1/TB-HĐTĐKT",
                "2023:CO_THI_DUA_CHINH_PHU:UBND-BL", "2/TB-HĐTĐKT",
                "2023:GIAI_KHOI_NHAT:DP", "3/TB-HĐTĐKT",
                "2023:BANG_KHEN_CA_NHAN:UBND-BL/NV-0042", "4/TB-HĐTĐKT");

        RenderedLetter out = RENDERER.renderSummary("2023", awards, numbers, ISSUER);

        assertThat(out.subject()).isEqualTo("Tổng hợp kết quả khen thưởng năm 2023");
        for (String part : both(out)) {
            for (Award award : awards) {
                assertThat(part).contains(award.awardId(), award.awardName(), award.recipientName());
            }
            assertThat(part).contains("1/TB-HĐTĐKT", "2/TB-HĐTĐKT", "3/TB-HĐTĐKT", "4/TB-HĐTĐKT",
                    "Tạm hoãn (Đang thanh tra)", "Không gửi thông báo", "Đề nghị cấp trên khen thưởng",
                    // 5 awards: 3 granted, 1 proposed, 1 withheld
                    "Tổng số: 5; khen thưởng: 3; đề nghị cấp trên khen thưởng: 1; tạm hoãn: 1");
        }
        // 5 award rows + 1 header row + 2 rows of the centring layout tables = 8
        assertThat(count(out.html(), "<tr[ >]")).isEqualTo(8);
    }

    @Test
    void editedTemplatesArePickedUpWithoutARestart(@TempDir Path dir) throws Exception {
        copyTemplates(dir);
        LetterRenderer renderer = new LetterRenderer(dir);
        Letter letter = letter(LetterFixtures.unitFlag());
        assertThat(renderer.render(letter, ISSUER).text()).doesNotContain("Kính gửi");

        Path text = dir.resolve(LetterRenderer.LETTER_TEXT);
        Files.writeString(text, "Kính gửi: ${recipient.unitName}\n" + Files.readString(text));
        Files.setLastModifiedTime(text, FileTime.from(Instant.now().plusSeconds(5)));
        // picked up once the template update delay has passed, without a restart
        org.awaitility.Awaitility.await().atMost(LetterRenderer.UPDATE_DELAY.multipliedBy(5)).until(() ->
                renderer.render(letter, ISSUER).text().startsWith("Kính gửi: UBND huyện Bình Lục\n"));
    }

    @Test
    void aBrokenTemplateFailsInsteadOfPrintingTheError(@TempDir Path dir) throws Exception {
        copyTemplates(dir);
        Files.writeString(dir.resolve(LetterRenderer.LETTER_TEXT), "Xin chào ${recipient.nickname}\n");
        LetterRenderer renderer = new LetterRenderer(dir);

        assertThatThrownBy(() -> renderer.render(letter(LetterFixtures.unitFlag()), ISSUER))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(LetterRenderer.LETTER_TEXT);
    }

    @Test
    void templatesCannotReachJava(@TempDir Path dir) throws Exception {
        copyTemplates(dir);
        Letter letter = letter(LetterFixtures.unitFlag());
        Path text = dir.resolve(LetterRenderer.LETTER_TEXT);
        Map<String, String> attacks = Map.of(
                "<#assign ex = \"freemarker.template.utility.Execute\"?new()>${ex(\"id\")}", "not allowed",
                "${award.name?api.getClass()}", "api_builtin_enabled",
                "${award?api.getClass()}", "api_builtin_enabled");
        for (Map.Entry<String, String> attack : attacks.entrySet()) {
            Files.writeString(text, attack.getKey());
            LetterRenderer fresh = new LetterRenderer(dir);
            assertThatThrownBy(() -> fresh.render(letter, ISSUER)).as(attack.getKey())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining(attack.getValue());
        }
    }

    @Test
    void missingTemplateStopsTheStart(@TempDir Path dir) throws Exception {
        copyTemplates(dir);
        Files.delete(dir.resolve(LetterRenderer.SUMMARY_TEXT));

        assertThatThrownBy(() -> new LetterRenderer(dir)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(LetterRenderer.SUMMARY_TEXT);
        assertThatThrownBy(() -> new LetterRenderer(dir.resolve("none")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertLayout(String part, String awardName) {
        assertThat(part).contains(LAYOUT).contains("Về việc khen thưởng " + awardName);
        // order: header, document type, signer, recipients
        assertThat(part.indexOf("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")).isLessThan(part.indexOf("THÔNG BÁO"));
        assertThat(part.indexOf("THÔNG BÁO")).isLessThan(part.indexOf("Về việc khen thưởng"));
        assertThat(part.indexOf("Về việc khen thưởng")).isLessThan(part.indexOf("TM. HỘI ĐỒNG"));
        assertThat(part.indexOf("Lý do:")).isLessThan(part.indexOf("Lưu: VT, TĐKT."));
    }

    private static List<String> both(RenderedLetter out) {
        return List.of(out.html(), out.text());
    }

    private static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static Registry withUnitName(String name) {
        Map<String, Unit> units = new HashMap<>(REGISTRY.units());
        units.put("UBND-BL", new Unit("UBND-BL", name, "ubndbl@hanam.example"));
        return new Registry(REGISTRY.issuer(), REGISTRY.rules(), units, REGISTRY.periods());
    }

    private static void copyTemplates(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(TEMPLATES)) {
            for (Path file : files.toList()) {
                Files.copy(file, dir.resolve(file.getFileName()));
            }
        }
        assertThat(Files.readString(dir.resolve(LetterRenderer.LETTER_HTML), StandardCharsets.UTF_8))
                .contains("THÔNG BÁO");
    }
}
