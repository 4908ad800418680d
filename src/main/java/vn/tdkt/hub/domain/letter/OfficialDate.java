package vn.tdkt.hub.domain.letter;

import java.time.LocalDate;

/**
 * The date of a letter as Nghị định 30/2020/NĐ-CP (Phụ lục I) writes it: "ngày 05 tháng 01 năm 2024", with a
 * leading zero for days below 10 and for the months 1 and 2 only ("ngày 15 tháng 3 năm 2024").
 */
record OfficialDate(String day, String month, String year) {

    static OfficialDate of(LocalDate date) {
        int d = date.getDayOfMonth();
        int m = date.getMonthValue();
        return new OfficialDate(d < 10 ? "0" + d : String.valueOf(d), m < 3 ? "0" + m : String.valueOf(m),
                String.valueOf(date.getYear()));
    }

    /** "{place}, ngày {d} tháng {m} năm {yyyy}". */
    String withPlace(String place) {
        return place + ", ngày " + day + " tháng " + month + " năm " + year;
    }
}
