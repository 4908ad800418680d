package vn.tdkt.hub.domain.letter;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.tdkt.hub.domain.letter.LetterFixtures.ISSUER;
import static vn.tdkt.hub.domain.letter.LetterFixtures.letter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.Test;

/** The certificate PDF attached to a letter (rulebook section 6). */
class CertificatePdfTest {

    @Test
    void unitCertificateCarriesItsFactsAsText() throws IOException {
        Letter letter = letter(LetterFixtures.unitFlag());

        try (PDDocument pdf = Loader.loadPDF(CertificatePdf.render(letter, ISSUER))) {
            assertThat(pdf.getNumberOfPages()).isEqualTo(1);
            PDPage page = pdf.getPage(0);
            // landscape A4: 842 x 595 points (297 x 210 mm)
            assertThat(page.getMediaBox().getWidth()).isEqualTo(841.8898f);
            assertThat(page.getMediaBox().getHeight()).isEqualTo(595.27563f);
            assertThat(text(pdf)).contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                    "UBND TỈNH HÀ NAM", "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG", "TẶNG", "Cờ thi đua của UBND tỉnh",
                    "UBND huyện Bình Lục", "năm 2023", "Số: 12/TB-HĐTĐKT",
                    "Mã xác thực: " + letter.verificationCode(), "Hà Nam, ngày 05 tháng 01 năm 2024",
                    "TM. HỘI ĐỒNG", "CHỦ TỊCH", "Trương Quốc Huy");
            assertThat(pdf.getDocumentInformation().getTitle())
                    .isEqualTo("Cờ thi đua của UBND tỉnh - UBND huyện Bình Lục - năm 2023");
            assertThat(pdf.getDocumentInformation().getAuthor())
                    .isEqualTo("UBND TỈNH HÀ NAM - HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG");
            for (PDFont font : fonts(page)) {
                assertThat(font.isEmbedded()).as(font.getName()).isTrue();
                // subset fonts carry a six-letter tag: ABCDEF+DejaVuSerif
                assertThat(font.getName()).matches("[A-Z]{6}\\+DejaVuSerif(-Bold)?");
            }
        }
    }

    @Test
    void personAndBlockCertificatesNameTheUnit() throws IOException {
        try (PDDocument pdf = Loader.loadPDF(CertificatePdf.render(letter(LetterFixtures.personCertificate()),
                ISSUER))) {
            assertThat(text(pdf)).contains("Bằng khen của Chủ tịch UBND tỉnh", "Nguyễn Thị Hoa",
                    "UBND huyện Bình Lục", "năm 2023");
        }
        try (PDDocument pdf = Loader.loadPDF(CertificatePdf.render(letter(LetterFixtures.blockPrize()), ISSUER))) {
            assertThat(text(pdf)).contains("Giải Nhất khối thi đua", "Khối các huyện, thị xã, thành phố",
                    "Đơn vị trưởng khối: UBND thành phố Phủ Lý");
        }
    }

    @Test
    void proposalIsMarkedAsSuch() throws IOException {
        try (PDDocument pdf = Loader.loadPDF(CertificatePdf.render(letter(LetterFixtures.proposal()), ISSUER))) {
            assertThat(text(pdf)).contains("ĐỀ NGHỊ CẤP TRÊN TẶNG", "Cờ thi đua của Chính phủ");
        }
    }

    @Test
    void decomposedNamesAreDrawnComposed() throws IOException {
        String nfd = Normalizer.normalize("Nguyễn Thị Hoa", Normalizer.Form.NFD);

        try (PDDocument pdf = Loader.loadPDF(CertificatePdf.render(letter(LetterFixtures.personCertificate(nfd)),
                ISSUER))) {
            assertThat(text(pdf)).contains("Nguyễn Thị Hoa").doesNotContain(nfd);
        }
    }

    @Test
    void charactersTheFontLacksBecomeQuestionMarks() throws IOException {
        // U+4E2D (CJK) and U+1F600 (emoji, a surrogate pair) are not in DejaVu Serif: one '?' each
        Letter letter = letter(LetterFixtures.personCertificate("Nguyễn Thị Hoa 中 \uD83D\uDE00"));

        try (PDDocument pdf = Loader.loadPDF(CertificatePdf.render(letter, ISSUER))) {
            assertThat(text(pdf)).contains("Nguyễn Thị Hoa ? ?").doesNotContain("中", "\uD83D\uDE00");
        }
    }

    @Test
    void longNamesStayOnThePage() throws IOException {
        String longName = "Trung tâm Phát triển quỹ đất, Hạ tầng kỹ thuật và Dịch vụ công ích huyện Bình Lục "
                .repeat(6).strip();
        Letter letter = letter(LetterFixtures.unitFlag(longName));

        try (PDDocument pdf = Loader.loadPDF(CertificatePdf.render(letter, ISSUER))) {
            String text = text(pdf);
            assertThat(pdf.getNumberOfPages()).isEqualTo(1);
            assertThat(text).contains("Trung tâm Phát triển quỹ đất", "…",
                    "Mã xác thực: " + letter.verificationCode());
            List<Float> xs = new ArrayList<>();
            new PDFTextStripper() {
                {
                    setSortByPosition(true);
                }

                @Override
                protected void writeString(String s, List<TextPosition> positions) {
                    positions.forEach(p -> xs.add(p.getXDirAdj() + p.getWidthDirAdj()));
                }
            }.getText(pdf);
            // nothing is drawn beyond the inner frame: 842 - 27 = 815 points
            assertThat(xs).allMatch(x -> x > 27 && x < 815);
        }
    }

    @Test
    void attachmentNameKeepsDiacriticsAndDropsUnsafeCharacters() {
        assertThat(CertificatePdf.attachmentFileName(letter(LetterFixtures.unitFlag())))
                .isEqualTo("Cờ thi đua của UBND tỉnh - UBND huyện Bình Lục - 2023.pdf");
        assertThat(CertificatePdf.attachmentFileName(letter(LetterFixtures.unitFlag("Trường A/B: \"số 1\"\r\n"))))
                .isEqualTo("Cờ thi đua của UBND tỉnh - Trường A_B_ _số 1_ - 2023.pdf");
        String nfd = Normalizer.normalize("Nguyễn Thị Hoa", Normalizer.Form.NFD);
        assertThat(CertificatePdf.attachmentFileName(letter(LetterFixtures.personCertificate(nfd))))
                .isEqualTo("Bằng khen của Chủ tịch UBND tỉnh - Nguyễn Thị Hoa - 2023.pdf");
        String longName = CertificatePdf.attachmentFileName(letter(LetterFixtures.unitFlag("Đ".repeat(300))));
        // "Đ" is 2 bytes in UTF-8; at most 200 bytes before ".pdf"
        assertThat(longName.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(204);
        assertThat(longName).endsWith("ĐĐ.pdf");
    }

    private static String text(PDDocument pdf) throws IOException {
        return new PDFTextStripper().getText(pdf);
    }

    private static List<PDFont> fonts(PDPage page) throws IOException {
        PDResources resources = page.getResources();
        List<PDFont> fonts = new ArrayList<>();
        for (COSName name : resources.getFontNames()) {
            fonts.add(resources.getFont(name));
        }
        assertThat(fonts).hasSize(2);
        return fonts;
    }
}
