package vn.tdkt.hub.domain.workbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;

import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationConstraint;
import org.apache.poi.ss.usermodel.SheetVisibility;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import vn.tdkt.hub.domain.registry.Registry;
import vn.tdkt.hub.domain.submission.Reason;
import vn.tdkt.hub.domain.submission.SubmissionValidator;
import vn.tdkt.hub.domain.submission.Verdict;
import vn.tdkt.hub.feeds.Json;
import vn.tdkt.hub.support.TestRegistry;

/** The template of a unit and period, and reading it back filled (the hostile files: {@link HostileWorkbooksTest}). */
class WorkbookReaderTest {

    static final Registry REGISTRY = TestRegistry.load();
    static final OffsetDateTime NOW = OffsetDateTime.parse("2024-01-10T09:00:00+07:00");
    static final WorkbookReader READER = new WorkbookReader(WorkbookReader.Limits.of(2 << 20));

    static byte[] template() {
        return ResultsTemplate.build(REGISTRY, "2023", "SO-KHDT").orElseThrow();
    }

    static WorkbookReader.Outcome read(byte[] file) {
        return READER.read(file, REGISTRY, "2023", "SO-KHDT", "xlsx-1", NOW);
    }

    static List<String> messages(WorkbookReader.Outcome o) {
        assertThat(o).isInstanceOf(WorkbookReader.Refused.class);
        return ((WorkbookReader.Refused) o).reasons().stream().map(Reason::message).toList();
    }

    @Test
    void theTemplateListsTheUnitsCriteriaWithValidationAndHiddenMetadata() throws Exception {
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(template()))) {
            XSSFSheet results = wb.getSheet("Kết quả");
            assertThat(results.getRow(6).getCell(0).getStringCellValue()).isEqualTo("KT1");
            assertThat(results.getRow(6).getCell(2).getStringCellValue()).isEqualTo("Theo chỉ tiêu (cao hơn là tốt)");
            assertThat(results.getRow(9).getCell(2).getStringCellValue()).isEqualTo("Đạt / Không đạt");
            assertThat(results.getRow(12).getCell(0).getStringCellValue()).isEqualTo("TR1");
            assertThat(results.getProtect()).isTrue();
            assertThat(results.getRow(6).getCell(3).getCellStyle().getLocked()).isFalse();
            assertThat(results.getRow(6).getCell(1).getCellStyle().getLocked()).isTrue();
            List<? extends DataValidation> validations = results.getDataValidations();
            // 7 actuals, 2 targets, 2 members
            assertThat(validations).hasSize(11);
            assertThat(validations).anySatisfy(v -> {
                assertThat(v.getValidationConstraint().getExplicitListValues()).containsExactly("Đạt", "Không đạt");
                assertThat(v.getRegions().getCellRangeAddress(0).formatAsString()).isEqualTo("D10");
            });
            assertThat(validations).anySatisfy(v -> {
                assertThat(v.getValidationConstraint().getValidationType())
                        .isEqualTo(DataValidationConstraint.ValidationType.INTEGER);
                assertThat(v.getRegions().getCellRangeAddress(0).formatAsString()).isEqualTo("D11");
            });
            assertThat(wb.getSheet("Cá nhân đề nghị").getRow(3).getCell(4).getStringCellValue())
                    .isEqualTo("Chiến sĩ thi đua cơ sở");
            int meta = wb.getSheetIndex(WorkbookLayout.META_SHEET);
            assertThat(wb.getSheetVisibility(meta)).isEqualTo(SheetVisibility.VERY_HIDDEN);
            assertThat(wb.getSheetAt(meta).getRow(3).getCell(1).getStringCellValue()).isEqualTo("SO-KHDT");
            assertThat(wb.getSheetAt(meta).getRow(1).getCell(1).getStringCellValue()).isEqualTo(WorkbookLayout.VERSION);
        }
        assertThat(ResultsTemplate.build(REGISTRY, "2023", "SO-NV")).as("in no block").isEmpty();
        assertThat(ResultsTemplate.build(REGISTRY, "1999", "SO-KHDT")).isEmpty();
    }

    @Test
    void aFilledWorkbookBecomesAValidSubmission() {
        byte[] file = Clerk.filled(template(), c -> {
            Clerk.khdtResults(c);
            c.members(84, 61);
            c.nomineeRow(0, "NV-0042", "Nguyễn Thị Hoa", "Nữ", "Hoàn thành xuất sắc nhiệm vụ", "Có",
                    "Số hóa hồ sơ một cửa", "Tỉnh");
            c.nomineeRow(1, null, null, null, null, null, "Tổ một cửa liên thông", "Cơ sở");
            c.nomineeRow(2, "NV-0043", "Trần Văn Nam", "Nam", "Hoàn thành tốt nhiệm vụ", "Không");
        });
        WorkbookReader.Outcome o = read(file);
        assertThat(o).isInstanceOf(WorkbookReader.Read.class);
        byte[] json = ((WorkbookReader.Read) o).json();
        JsonNode n = Json.read(new String(json, StandardCharsets.UTF_8), JsonNode.class);
        assertThat(n.get("submissionId").asText()).isEqualTo("xlsx-1");
        assertThat(n.get("submittedAt").asText()).isEqualTo("2024-01-10T09:00+07:00");
        assertThat(n.get("members").toString()).isEqualTo("{\"total\":84,\"women\":61}");
        assertThat(n.get("results").toString()).isEqualTo("[{\"criterion\":\"KT1\",\"target\":6,\"actual\":5.3},"
                + "{\"criterion\":\"KT2\",\"target\":5,\"actual\":4},{\"criterion\":\"KT3\",\"actual\":10},"
                + "{\"criterion\":\"XH1\",\"actual\":true},{\"criterion\":\"XH2\",\"actual\":3},"
                + "{\"criterion\":\"TH1\",\"actual\":1},{\"criterion\":\"TR1\",\"actual\":2}]");
        assertThat(n.get("nominees").get(0).toString()).isEqualTo("{\"staffCode\":\"NV-0042\",\"fullName\":"
                + "\"Nguyễn Thị Hoa\",\"gender\":\"F\",\"rating\":\"XUAT_SAC\",\"grassrootsEmulationSoldier\":true,"
                + "\"initiatives\":[{\"title\":\"Số hóa hồ sơ một cửa\",\"level\":\"PROVINCE\"},"
                + "{\"title\":\"Tổ một cửa liên thông\",\"level\":\"GRASSROOTS\"}]}");
        assertThat(n.get("nominees").get(1).get("gender").asText()).isEqualTo("M");
        Verdict verdict = new SubmissionValidator(1 << 20).validate(json, null, REGISTRY, p -> false);
        assertThat(verdict).isInstanceOf(Verdict.Valid.class);
    }

    @Test
    void blankCriteriaAreNotReported() {
        WorkbookReader.Outcome o = read(Clerk.filled(template(), c -> c.actual("KT3", 7)));
        JsonNode n = Json.read(new String(((WorkbookReader.Read) o).json(), StandardCharsets.UTF_8), JsonNode.class);
        assertThat(n.get("results").toString()).isEqualTo("[{\"criterion\":\"KT3\",\"actual\":7}]");
        assertThat(n.has("members")).isFalse();
        assertThat(n.has("nominees")).isFalse();
    }

    @Test
    void badCellsAreRefusedCellByCellInVietnamese() {
        byte[] file = Clerk.filled(template(), c -> {
            c.target("KT1", 0, -1);
            c.actual("KT3", "mười");
            c.actual("XH1", "Có lẽ");
            c.actual("XH2", 2.5);
            c.formula("TH1", "1+1");
            c.members(10, 12);
            c.nomineeRow(0, "NV-1", "A", "Khác", "Tốt", "Có");
        });
        assertThat(messages(read(file))).containsExactlyInAnyOrder(
                "Sheet Kết quả, ô E7: chỉ tiêu phải là số lớn hơn 0",
                "Sheet Kết quả, ô D7: phải là số không âm",
                "Sheet Kết quả, ô D9: phải là số không âm (ô đang chứa chữ \"mười\")",
                "Sheet Kết quả, ô D10: phải là Đạt hoặc Không đạt",
                "Sheet Kết quả, ô D11: phải là số nguyên không âm",
                "Sheet Kết quả, ô D12: có công thức; chỉ nhập giá trị, không nhập công thức",
                "Sheet Kết quả, ô D16: số nữ không được lớn hơn tổng số",
                "Sheet Cá nhân đề nghị, ô C5: phải là Nam hoặc Nữ",
                "Sheet Cá nhân đề nghị, ô D5: phải là một xếp loại trong danh sách");
    }

    @Test
    void anEmptyTemplateIsRefused() {
        assertThat(messages(read(template()))).containsExactly(
                "Bảng tính chưa có kết quả tiêu chí hay cá nhân đề nghị nào");
    }

    @Test
    void excelsStoredDoublesAreReadAsTyped() {
        // Excel may store 5.3 as 5.2999999999999998 (17 digits); it keeps 15 significant digits
        SheetCells.Cell cell = new SheetCells.Cell("n", "5.2999999999999998", false);
        assertThat(cell.isNumber()).isTrue();
        byte[] file = Clerk.filled(template(), c -> c.actual("KT3", 0.1 + 0.2));
        JsonNode n = Json.read(new String(((WorkbookReader.Read) read(file)).json(), StandardCharsets.UTF_8),
                JsonNode.class);
        assertThat(n.get("results").get(0).get("actual").decimalValue().toPlainString()).isEqualTo("0.3");
    }
}
