package vn.tdkt.hub.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpAnswerTest {

    @Test
    void vietnameseFileNameWithAsciiFallback() {
        assertThat(HttpAnswer.attachment("Thi đua 2023.xlsx"))
                .isEqualTo("attachment; filename=\"thi-dua-2023.xlsx\"; filename*=UTF-8''Thi%20%C4%91ua%202023.xlsx");
        assertThat(HttpAnswer.attachment("ĐIỂM \"khối\" / Hà Nam.csv"))
                .startsWith("attachment; filename=\"diem-khoi-ha-nam.csv\"; filename*=UTF-8''");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Thi đua khen thưởng năm 2023.xlsx", "Bảng \"Đ\"; x=1\r\n.csv", "中文.csv", "a%20b'c.csv"})
    void theValueIsAsciiAndTheEncodedNameDecodesBack(String name) {
        String value = HttpAnswer.attachment(name);
        assertThat(value.chars()).allMatch(c -> c >= 0x20 && c < 0x7F);
        String fallback = value.substring(value.indexOf("filename=\"") + 10, value.indexOf("\"; filename*="));
        assertThat(fallback).matches("[a-z0-9._-]+");
        String encoded = value.substring(value.indexOf("UTF-8''") + 7);
        assertThat(encoded).doesNotContain(" ", ";", "\"", "'", "\r").isNotEmpty()
                .matches("[A-Za-z0-9!#$&+.^_`|~%-]+");
        assertThat(URLDecoder.decode(encoded.replace("+", "%2B"), StandardCharsets.UTF_8)).isEqualTo(name);
    }

    @Test
    void aNameWithoutLettersFallsBackToDownload() {
        assertThat(HttpAnswer.attachment("中文")).startsWith("attachment; filename=\"download\";");
    }
}
