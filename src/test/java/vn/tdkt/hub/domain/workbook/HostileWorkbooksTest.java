package vn.tdkt.hub.domain.workbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import vn.tdkt.hub.domain.submission.Reason;

/** The committed corpus of hostile workbooks: each refused with its reason. */
class HostileWorkbooksTest {

    @Test
    void everyHostileWorkbookIsRefusedWithItsReason() {
        Map<String, String> expected = HostileWorkbooks.expected();
        assertThat(expected).hasSizeGreaterThanOrEqualTo(15);
        expected.forEach((name, reason) -> {
            WorkbookReader.Outcome o = WorkbookReaderTest.read(HostileWorkbooks.file(name));
            assertThat(o).as(name).isInstanceOf(WorkbookReader.Refused.class);
            assertThat(((WorkbookReader.Refused) o).reasons()).as(name).extracting(Reason::message)
                    .anySatisfy(m -> assertThat(m).contains(reason));
        });
    }

    @Test
    void anUploadOverTheLimitIsRefusedUnread() {
        byte[] big = new byte[(2 << 20) + 1];
        new Random(1).nextBytes(big);
        big[0] = 'P';
        big[1] = 'K';
        big[2] = 3;
        big[3] = 4;
        assertThat(((WorkbookReader.Refused) WorkbookReaderTest.read(big)).reasons().get(0).message())
                .startsWith("Tệp quá lớn (2097153 byte; tối đa 2097152 byte)");
    }

    @Test
    void theCorpusBuildsOnAValidWorkbook() {
        // the hostile files are variations of this one, which is accepted
        byte[] filled = Clerk.filled(WorkbookReaderTest.template(), Clerk::khdtResults);
        assertThat(WorkbookReaderTest.read(filled)).isInstanceOf(WorkbookReader.Read.class);
    }
}
