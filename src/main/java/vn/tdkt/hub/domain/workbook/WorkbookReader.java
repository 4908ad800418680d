package vn.tdkt.hub.domain.workbook;

import static vn.tdkt.hub.domain.workbook.WorkbookLayout.*;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;

import vn.tdkt.hub.domain.registry.Block;
import vn.tdkt.hub.domain.registry.Criterion;
import vn.tdkt.hub.domain.registry.Method;
import vn.tdkt.hub.domain.registry.Rating;
import vn.tdkt.hub.domain.registry.Registry;
import vn.tdkt.hub.domain.submission.Reason;
import vn.tdkt.hub.domain.submission.ReasonCode;

/**
 * Reads a filled results workbook ({@link ResultsTemplate}) into a Submission (contracts.md), or refuses it with
 * every reason, cell by cell, in Vietnamese ("Sheet Kết quả, ô D7: phải là số không âm").
 *
 * <p>Values are read as stored, never evaluated: a formula in a cell the hub reads is refused. A hostile file is
 * refused with bounded work and memory, before POI opens it: the upload's size, then one streaming pass over the
 * zip that counts the inflated bytes of every entry (a zip bomb stops at the limit), refuses macros
 * ({@code vbaProject.bin}, macro-enabled content type) and external links; an OLE2 file is an encrypted (password
 * protected) workbook or an old .xls. The sheets are then read with SAX (no DOM, no evaluation) within row and
 * cell limits. The metadata sheet must name this kind of template, its version, the period and the unit.
 */
public final class WorkbookReader {

    /** Limits on what is read. */
    public record Limits(long maxFileBytes, long maxEntryBytes, long maxTotalBytes, int maxEntries, int maxRows,
                         int maxCells) {

        public static Limits of(long maxFileBytes) {
            return new Limits(maxFileBytes, 8L << 20, 32L << 20, 100, 2_000, 30_000);
        }
    }

    /** The outcome: the submission as JSON, or the reasons it was refused. */
    public sealed interface Outcome permits Read, Refused {
    }

    /** A readable workbook, as a Submission JSON (it still goes through the intake's validation). */
    public record Read(byte[] json, String submissionId) implements Outcome {
    }

    public record Refused(List<Reason> reasons) implements Outcome {

        public Refused {
            reasons = List.copyOf(reasons);
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    static {
        // also enforced by our own pass over the zip, before POI opens anything
        ZipSecureFile.setMinInflateRatio(0.01);
    }

    private final Limits limits;

    public WorkbookReader(Limits limits) {
        this.limits = limits;
    }

    public Limits limits() {
        return limits;
    }

    /**
     * Reads a workbook uploaded for {@code unitCode} and {@code period}.
     *
     * @param period       the period the upload is for, or null for the one the template names
     * @param unitCode     the unit the upload is for, or null for the one the template names
     * @param submissionId the id of the resulting submission (new for each upload, or derived from a mail)
     * @param submittedAt  the time of the upload
     */
    public Outcome read(byte[] file, Registry registry, String period, String unitCode, String submissionId,
                        OffsetDateTime submittedAt) {
        if (file == null || file.length == 0) {
            return refused(ReasonCode.SCHEMA, "Tệp rỗng: hãy gửi bảng tính Excel (.xlsx) theo mẫu");
        }
        if (file.length > limits.maxFileBytes()) {
            return refused(ReasonCode.TOO_LARGE, "Tệp quá lớn (" + file.length + " byte; tối đa "
                    + limits.maxFileBytes() + " byte)");
        }
        if (isOle2(file)) {
            return refused(ReasonCode.SCHEMA, ole2Reason(file));
        }
        if (file.length < 4 || file[0] != 'P' || file[1] != 'K' || file[2] != 3 || file[3] != 4) {
            return refused(ReasonCode.SCHEMA, "Tệp không phải là bảng tính Excel (.xlsx); hãy dùng mẫu tải từ hệ thống");
        }
        Optional<Reason> zip = checkZip(file);
        if (zip.isPresent()) {
            return new Refused(List.of(zip.get()));
        }
        Map<String, SheetCells> sheets;
        try {
            sheets = sheets(file);
        } catch (SheetCells.TooBig e) {
            return refused(ReasonCode.TOO_LARGE, "Bảng tính quá lớn (" + e.getMessage().replace("more than", "quá")
                    .replace("rows", "dòng").replace("cells", "ô").replace("a cell of", "một ô quá")
                    .replace("characters", "ký tự") + "); hãy dùng mẫu tải từ hệ thống");
        } catch (Exception e) {
            return refused(ReasonCode.SCHEMA, "Không đọc được bảng tính (tệp hỏng hoặc không đúng định dạng .xlsx)");
        }
        return interpret(sheets, registry, period, unitCode, submissionId, submittedAt);
    }

    // ---- the file ------------------------------------------------------------------------------------------

    private static boolean isOle2(byte[] f) {
        byte[] magic = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
        if (f.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (f[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private static String ole2Reason(byte[] file) {
        try (POIFSFileSystem fs = new POIFSFileSystem(new ByteArrayInputStream(file))) {
            if (fs.getRoot().hasEntry("EncryptionInfo") || fs.getRoot().hasEntry("EncryptedPackage")) {
                return "Tệp được mã hóa (đặt mật khẩu mở tệp); hãy lưu lại tệp không đặt mật khẩu rồi gửi lại";
            }
        } catch (IOException | RuntimeException e) {
            return "Tệp không phải là bảng tính Excel (.xlsx) đọc được";
        }
        return "Tệp Excel 97-2003 (.xls) không được nhận; hãy dùng mẫu .xlsx tải từ hệ thống";
    }

    /** One streaming pass over the zip: sizes inflated, macros, external links, a workbook part. */
    private Optional<Reason> checkZip(byte[] file) {
        long total = 0;
        int entries = 0;
        boolean workbook = false;
        byte[] buffer = new byte[8192];
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(file))) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                if (++entries > limits.maxEntries()) {
                    return Optional.of(new Reason(ReasonCode.TOO_LARGE, null, "Tệp có quá nhiều thành phần ("
                            + "quá " + limits.maxEntries() + "); hãy dùng mẫu tải từ hệ thống"));
                }
                String name = e.getName().toLowerCase(Locale.ROOT);
                if (name.endsWith("vbaproject.bin") || name.endsWith("vbaprojectsignature.bin")) {
                    return Optional.of(macro());
                }
                if (name.startsWith("xl/externallinks/")) {
                    return Optional.of(new Reason(ReasonCode.SCHEMA, null, "Tệp có liên kết tới tệp bên ngoài "
                            + "(external link); hãy chỉ nhập giá trị vào mẫu, không liên kết với tệp khác"));
                }
                if (name.equals("xl/workbook.xml")) {
                    workbook = true;
                }
                boolean contentTypes = name.equals("[content_types].xml");
                StringBuilder types = new StringBuilder();
                long size = 0;
                int n;
                while ((n = zip.read(buffer)) > 0) {
                    size += n;
                    total += n;
                    if (size > limits.maxEntryBytes() || total > limits.maxTotalBytes()) {
                        return Optional.of(new Reason(ReasonCode.TOO_LARGE, null, "Tệp giải nén ra quá lớn "
                                + "(nghi là tệp nén độc hại - zip bomb); hãy dùng mẫu tải từ hệ thống"));
                    }
                    if (contentTypes && types.length() < 1_000_000) {
                        types.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
                    }
                }
                if (contentTypes && types.toString().toLowerCase(Locale.ROOT).contains("macroenabled")) {
                    return Optional.of(macro());
                }
            }
        } catch (ZipException e) {
            return Optional.of(new Reason(ReasonCode.SCHEMA, null, "Tệp hỏng hoặc không phải là bảng tính Excel (.xlsx)"));
        } catch (IOException | RuntimeException e) {
            return Optional.of(new Reason(ReasonCode.SCHEMA, null, "Tệp hỏng hoặc không phải là bảng tính Excel (.xlsx)"));
        }
        if (!workbook) {
            return Optional.of(new Reason(ReasonCode.SCHEMA, null, "Tệp không phải là bảng tính Excel (.xlsx)"));
        }
        return Optional.empty();
    }

    private static Reason macro() {
        return new Reason(ReasonCode.SCHEMA, null, "Tệp có macro (.xlsm) không được nhận; hãy lưu dưới dạng "
                + "Excel Workbook (.xlsx) không có macro");
    }

    /** The three sheets the hub reads, by name (SAX, within the limits). */
    private Map<String, SheetCells> sheets(byte[] file) throws Exception {
        Map<String, SheetCells> found = new HashMap<>();
        try (OPCPackage pkg = OPCPackage.open(new ByteArrayInputStream(file))) {
            XSSFReader reader = new XSSFReader(pkg);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg, false);
            Iterator<InputStream> it = reader.getSheetsData();
            XSSFReader.SheetIterator sheetsIt = (XSSFReader.SheetIterator) it;
            int count = 0;
            while (sheetsIt.hasNext()) {
                try (InputStream in = sheetsIt.next()) {
                    if (++count > 50) {
                        throw new SheetCells.TooBig("more than 50 sheets");
                    }
                    String name = sheetsIt.getSheetName();
                    if (!name.equals(RESULTS_SHEET) && !name.equals(NOMINEES_SHEET) && !name.equals(META_SHEET)) {
                        continue;
                    }
                    SheetCells cells = new SheetCells(strings, limits.maxRows(), limits.maxCells(), 8);
                    XMLReader xml = XMLHelper.newXMLReader();
                    xml.setContentHandler(cells);
                    xml.parse(new InputSource(in));
                    found.put(name, cells);
                }
            }
        }
        return found;
    }

    // ---- the content ---------------------------------------------------------------------------------------

    private Outcome interpret(Map<String, SheetCells> sheets, Registry registry, String period, String unitCode,
                              String submissionId, OffsetDateTime submittedAt) {
        SheetCells meta = sheets.get(META_SHEET);
        if (meta == null || !KIND.equals(plain(meta.cell(0, 1)))) {
            return refused(ReasonCode.SCHEMA, "Tệp không phải mẫu báo cáo kết quả của hệ thống (thiếu thông tin mẫu); "
                    + "hãy tải mẫu của đơn vị rồi điền vào");
        }
        List<Reason> reasons = new ArrayList<>();
        String version = plain(meta.cell(1, 1));
        // no expected period or unit (a mail): those the template names, checked by the caller against the sender
        period = period != null ? period : String.valueOf(plain(meta.cell(2, 1)));
        unitCode = unitCode != null ? unitCode : String.valueOf(plain(meta.cell(3, 1)));
        if (!VERSION.equals(version)) {
            reasons.add(new Reason(ReasonCode.SCHEMA, null, "Mẫu phiên bản " + shown(version) + " không còn dùng "
                    + "(phiên bản hiện hành: " + VERSION + "); hãy tải mẫu mới"));
        }
        String metaPeriod = plain(meta.cell(2, 1));
        if (!period.equals(metaPeriod)) {
            reasons.add(new Reason(ReasonCode.INVALID_VALUE, null, "Tệp là mẫu của năm " + shown(metaPeriod)
                    + ", không phải năm " + period));
        }
        String metaUnit = plain(meta.cell(3, 1));
        if (!unitCode.equals(metaUnit)) {
            reasons.add(new Reason(ReasonCode.INVALID_VALUE, null, "Tệp là mẫu của đơn vị " + shown(metaUnit)
                    + ", không phải đơn vị " + unitCode));
        }
        for (int r = 0; r < 4; r++) {
            if (meta.cell(r, 1).formula()) {
                reasons.add(new Reason(ReasonCode.SCHEMA, null, "Thông tin mẫu đã bị sửa; hãy tải mẫu mới"));
                break;
            }
        }
        if (!reasons.isEmpty()) {
            return new Refused(reasons);
        }
        Optional<Block> block = registry.blockOf(period, unitCode);
        if (block.isEmpty()) {
            return refused(ReasonCode.UNKNOWN_UNIT, "Đơn vị " + unitCode + " không thuộc khối thi đua nào năm " + period);
        }
        SheetCells results = sheets.get(RESULTS_SHEET);
        if (results == null) {
            return refused(ReasonCode.SCHEMA, "Thiếu sheet " + RESULTS_SHEET + "; hãy dùng mẫu tải từ hệ thống");
        }
        ObjectNode root = NODES.objectNode();
        root.put("submissionId", submissionId);
        root.put("unitCode", unitCode);
        root.put("period", period);
        root.put("submittedAt", submittedAt.truncatedTo(ChronoUnit.SECONDS).toString());
        ArrayNode resultList = readResults(results, block.get(), period, reasons);
        ObjectNode members = readMembers(results, reasons);
        ArrayNode nominees = sheets.containsKey(NOMINEES_SHEET) ? readNominees(sheets.get(NOMINEES_SHEET), reasons)
                : NODES.arrayNode();
        if (!reasons.isEmpty()) {
            return new Refused(reasons);
        }
        if (members != null) {
            root.set("members", members);
        }
        if (resultList.isEmpty() && nominees.isEmpty()) {
            return refused(ReasonCode.SCHEMA, "Bảng tính chưa có kết quả tiêu chí hay cá nhân đề nghị nào");
        }
        if (!resultList.isEmpty()) {
            root.set("results", resultList);
        }
        if (!nominees.isEmpty()) {
            root.set("nominees", nominees);
        }
        try {
            return new Read(MAPPER.writeValueAsBytes(root), submissionId);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private ArrayNode readResults(SheetCells sh, Block block, String period, List<Reason> reasons) {
        ArrayNode list = NODES.arrayNode();
        Set<String> seen = new HashSet<>();
        for (int r = FIRST_CRITERION_ROW; r < limits.maxRows(); r++) {
            SheetCells.Cell codeCell = sh.cell(r, COL_CODE);
            String code = plain(codeCell);
            if (code == null || code.isEmpty() || isMembersLabel(code)) {
                break;
            }
            if (codeCell.formula()) {
                reasons.add(cellReason(ReasonCode.SCHEMA, RESULTS_SHEET, r, COL_CODE, "có công thức; hãy dùng mẫu mới"));
                continue;
            }
            Optional<Criterion> criterion = block.criterion(code);
            if (criterion.isEmpty()) {
                reasons.add(cellReason(ReasonCode.UNKNOWN_CRITERION, RESULTS_SHEET, r, COL_CODE, "tiêu chí "
                        + shown(code) + " không có trong bảng chấm điểm của khối " + block.code() + " năm " + period
                        + "; hãy tải mẫu mới"));
                continue;
            }
            if (!seen.add(code)) {
                reasons.add(cellReason(ReasonCode.DUPLICATE_CRITERION, RESULTS_SHEET, r, COL_CODE, "tiêu chí "
                        + code + " lặp lại"));
                continue;
            }
            Method method = criterion.get().method();
            SheetCells.Cell actualCell = sh.cell(r, COL_ACTUAL);
            SheetCells.Cell targetCell = method.hasTarget() ? sh.cell(r, COL_TARGET) : new SheetCells.Cell(null, null, false);
            int before = reasons.size();
            noFormula(actualCell, RESULTS_SHEET, r, COL_ACTUAL, reasons);
            noFormula(targetCell, RESULTS_SHEET, r, COL_TARGET, reasons);
            if (reasons.size() > before) {
                continue;
            }
            if (actualCell.isBlank()) {
                if (!targetCell.isBlank()) {
                    reasons.add(cellReason(ReasonCode.SCHEMA, RESULTS_SHEET, r, COL_ACTUAL, "thiếu kết quả thực hiện "
                            + "(đã điền chỉ tiêu ở ô " + cellName(r, COL_TARGET) + ")"));
                }
                continue;
            }
            ObjectNode result = NODES.objectNode();
            result.put("criterion", code);
            if (method.hasTarget()) {
                BigDecimal target = number(targetCell, RESULTS_SHEET, r, COL_TARGET, false, reasons, "chỉ tiêu");
                if (target != null && target.signum() <= 0) {
                    reasons.add(cellReason(ReasonCode.INVALID_VALUE, RESULTS_SHEET, r, COL_TARGET,
                            "chỉ tiêu phải là số lớn hơn 0"));
                } else if (target != null) {
                    result.put("target", target);
                }
            }
            if (method == Method.PASS_FAIL) {
                Boolean done = passFail(actualCell);
                if (done == null) {
                    reasons.add(cellReason(ReasonCode.INVALID_VALUE, RESULTS_SHEET, r, COL_ACTUAL,
                            "phải là " + PASS + " hoặc " + FAIL));
                } else {
                    result.put("actual", done);
                }
            } else {
                BigDecimal actual = number(actualCell, RESULTS_SHEET, r, COL_ACTUAL, method.isCount(), reasons, null);
                if (actual != null) {
                    result.put("actual", actual);
                }
            }
            list.add(result);
        }
        return list;
    }

    private ObjectNode readMembers(SheetCells sh, List<Reason> reasons) {
        int totalRow = -1;
        int womenRow = -1;
        int last = Math.min(sh.maxRow(), limits.maxRows());
        for (int r = FIRST_CRITERION_ROW; r <= last; r++) {
            String label = plain(sh.cell(r, COL_CODE));
            if (MEMBERS_TOTAL_LABEL.equals(label)) {
                totalRow = r;
            } else if (MEMBERS_WOMEN_LABEL.equals(label)) {
                womenRow = r;
            }
        }
        if (totalRow < 0 || womenRow < 0) {
            return null;
        }
        SheetCells.Cell totalCell = sh.cell(totalRow, COL_ACTUAL);
        SheetCells.Cell womenCell = sh.cell(womenRow, COL_ACTUAL);
        int before = reasons.size();
        noFormula(totalCell, RESULTS_SHEET, totalRow, COL_ACTUAL, reasons);
        noFormula(womenCell, RESULTS_SHEET, womenRow, COL_ACTUAL, reasons);
        if (reasons.size() > before || (totalCell.isBlank() && womenCell.isBlank())) {
            return null;
        }
        if (totalCell.isBlank() || womenCell.isBlank()) {
            int r = totalCell.isBlank() ? totalRow : womenRow;
            reasons.add(cellReason(ReasonCode.SCHEMA, RESULTS_SHEET, r, COL_ACTUAL, "cần điền cả tổng số và số nữ "
                    + "(hoặc để trống cả hai)"));
            return null;
        }
        BigDecimal total = number(totalCell, RESULTS_SHEET, totalRow, COL_ACTUAL, true, reasons, null);
        BigDecimal women = number(womenCell, RESULTS_SHEET, womenRow, COL_ACTUAL, true, reasons, null);
        if (total == null || women == null) {
            return null;
        }
        if (total.signum() <= 0) {
            reasons.add(cellReason(ReasonCode.INVALID_VALUE, RESULTS_SHEET, totalRow, COL_ACTUAL,
                    "tổng số thành viên phải lớn hơn 0"));
            return null;
        }
        if (women.compareTo(total) > 0) {
            reasons.add(cellReason(ReasonCode.INVALID_VALUE, RESULTS_SHEET, womenRow, COL_ACTUAL,
                    "số nữ không được lớn hơn tổng số"));
            return null;
        }
        ObjectNode m = NODES.objectNode();
        m.put("total", total);
        m.put("women", women);
        return m;
    }

    private ArrayNode readNominees(SheetCells sh, List<Reason> reasons) {
        ArrayNode list = NODES.arrayNode();
        Set<String> staffCodes = new HashSet<>();
        ObjectNode current = null;
        int last = Math.min(sh.maxRow(), limits.maxRows());
        for (int r = FIRST_NOMINEE_ROW; r <= last; r++) {
            boolean any = false;
            boolean person = false;
            int before = reasons.size();
            for (int c = N_STAFF; c <= N_LEVEL; c++) {
                SheetCells.Cell cell = sh.cell(r, c);
                noFormula(cell, NOMINEES_SHEET, r, c, reasons);
                if (!cell.isBlank()) {
                    any = true;
                    person |= c <= N_SOLDIER;
                }
            }
            if (!any || reasons.size() > before) {
                continue;
            }
            if (person) {
                current = nominee(sh, r, staffCodes, reasons);
                if (current != null) {
                    list.add(current);
                }
            } else if (current == null) {
                reasons.add(cellReason(ReasonCode.SCHEMA, NOMINEES_SHEET, r, N_INITIATIVE,
                        "sáng kiến không thuộc cá nhân nào (ghi ngay dưới dòng của cá nhân)"));
                continue;
            }
            ObjectNode initiative = initiative(sh, r, reasons);
            if (initiative != null && current != null) {
                ArrayNode initiatives = current.has("initiatives") ? (ArrayNode) current.get("initiatives")
                        : current.putArray("initiatives");
                initiatives.add(initiative);
            }
        }
        return list;
    }

    private ObjectNode nominee(SheetCells sh, int r, Set<String> staffCodes, List<Reason> reasons) {
        int before = reasons.size();
        String staff = required(sh, r, N_STAFF, reasons);
        String name = required(sh, r, N_NAME, reasons);
        String gender = choice(sh, r, N_GENDER, Map.of(norm(MALE), "M", norm(FEMALE), "F"), MALE + " hoặc " + FEMALE,
                reasons);
        Map<String, String> ratings = new HashMap<>();
        for (Rating rating : Rating.values()) {
            ratings.put(norm(rating.vietnamese()), rating.name());
            ratings.put(norm(rating.name()), rating.name());
        }
        String rating = choice(sh, r, N_RATING, ratings, "một xếp loại trong danh sách", reasons);
        String soldier = choice(sh, r, N_SOLDIER, Map.of(norm(YES), "true", norm(NO), "false"),
                YES + " hoặc " + NO, reasons);
        if (staff != null && !staffCodes.add(staff)) {
            reasons.add(cellReason(ReasonCode.INVALID_VALUE, NOMINEES_SHEET, r, N_STAFF, "mã cán bộ " + shown(staff)
                    + " lặp lại"));
        }
        if (reasons.size() > before) {
            return null;
        }
        ObjectNode n = NODES.objectNode();
        n.put("staffCode", staff);
        n.put("fullName", name);
        n.put("gender", gender);
        n.put("rating", rating);
        n.put("grassrootsEmulationSoldier", Boolean.parseBoolean(soldier));
        return n;
    }

    private ObjectNode initiative(SheetCells sh, int r, List<Reason> reasons) {
        SheetCells.Cell title = sh.cell(r, N_INITIATIVE);
        SheetCells.Cell level = sh.cell(r, N_LEVEL);
        if (title.isBlank() && level.isBlank()) {
            return null;
        }
        String t = required(sh, r, N_INITIATIVE, reasons);
        String l = choice(sh, r, N_LEVEL, Map.of(norm(LEVEL_GRASSROOTS), "GRASSROOTS", norm(LEVEL_PROVINCE), "PROVINCE"),
                LEVEL_GRASSROOTS + " hoặc " + LEVEL_PROVINCE, reasons);
        if (t == null || l == null) {
            return null;
        }
        ObjectNode i = NODES.objectNode();
        i.put("title", t);
        i.put("level", l);
        return i;
    }

    private static String required(SheetCells sh, int r, int c, List<Reason> reasons) {
        String v = plain(sh.cell(r, c));
        if (v == null || v.isEmpty()) {
            reasons.add(cellReason(ReasonCode.SCHEMA, NOMINEES_SHEET, r, c, "chưa điền"));
            return null;
        }
        return v;
    }

    private static String choice(SheetCells sh, int r, int c, Map<String, String> allowed, String expected,
                                 List<Reason> reasons) {
        String v = plain(sh.cell(r, c));
        if (v == null || v.isEmpty()) {
            reasons.add(cellReason(ReasonCode.SCHEMA, NOMINEES_SHEET, r, c, "chưa điền (" + expected + ")"));
            return null;
        }
        String found = allowed.get(norm(v));
        if (found == null) {
            reasons.add(cellReason(ReasonCode.INVALID_VALUE, NOMINEES_SHEET, r, c, "phải là " + expected));
        }
        return found;
    }

    private static Boolean passFail(SheetCells.Cell cell) {
        if ("b".equals(cell.type())) {
            return "1".equals(cell.value().trim());
        }
        if (cell.isNumber()) {
            String v = cell.value().trim();
            return v.equals("1") || v.equals("1.0") ? Boolean.TRUE : v.equals("0") || v.equals("0.0") ? Boolean.FALSE : null;
        }
        String v = norm(cell.value());
        return v.equals(norm(PASS)) ? Boolean.TRUE : v.equals(norm(FAIL)) ? Boolean.FALSE : null;
    }

    /** A number stored as a number (text is refused: data validation would not have let it in). */
    private static BigDecimal number(SheetCells.Cell cell, String sheet, int r, int c, boolean whole,
                                     List<Reason> reasons, String what) {
        String need = whole ? "phải là số nguyên không âm" : "phải là số không âm";
        if (cell.isBlank()) {
            reasons.add(cellReason(ReasonCode.SCHEMA, sheet, r, c, "chưa điền " + (what != null ? what : "số liệu")));
            return null;
        }
        if (!cell.isNumber()) {
            reasons.add(cellReason(ReasonCode.INVALID_VALUE, sheet, r, c, need + " (ô đang chứa "
                    + (cell.isText() ? "chữ \"" + shown(cell.value()) + "\"" : "giá trị không phải số") + ")"));
            return null;
        }
        BigDecimal v;
        try {
            v = new BigDecimal(cell.value().trim());
        } catch (NumberFormatException e) {
            reasons.add(cellReason(ReasonCode.INVALID_VALUE, sheet, r, c, need));
            return null;
        }
        // Excel keeps 15 significant digits; a stored 5.2999999999999998 is the 5.3 that was typed
        v = v.round(new MathContext(15)).stripTrailingZeros();
        if (v.scale() < 0) {
            v = v.setScale(0);
        }
        if (v.signum() < 0 || (whole && v.scale() > 0)) {
            reasons.add(cellReason(ReasonCode.INVALID_VALUE, sheet, r, c, need));
            return null;
        }
        return v;
    }

    private static void noFormula(SheetCells.Cell cell, String sheet, int r, int c, List<Reason> reasons) {
        if (cell.formula()) {
            reasons.add(cellReason(ReasonCode.INVALID_VALUE, sheet, r, c,
                    "có công thức; chỉ nhập giá trị, không nhập công thức"));
        }
    }

    private static boolean isMembersLabel(String s) {
        return MEMBERS_TOTAL_LABEL.equals(s) || MEMBERS_WOMEN_LABEL.equals(s);
    }

    private static String plain(SheetCells.Cell cell) {
        return cell.value() == null ? null : Normalizer.normalize(cell.value().strip(), Normalizer.Form.NFC);
    }

    private static String norm(String s) {
        return s == null ? "" : Normalizer.normalize(s.strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }

    private static String shown(String s) {
        if (s == null) {
            return "(trống)";
        }
        String cleaned = s.replaceAll("\\p{Cntrl}", "?");
        return cleaned.length() > 40 ? cleaned.substring(0, 40) + "…" : cleaned;
    }

    static Reason cellReason(ReasonCode code, String sheet, int r, int c, String message) {
        String cell = cellName(r, c);
        return new Reason(code, sheet + "!" + cell, "Sheet " + sheet + ", ô " + cell + ": " + message);
    }

    private static Refused refused(ReasonCode code, String message) {
        return new Refused(List.of(new Reason(code, null, message)));
    }
}
