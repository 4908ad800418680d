package vn.tdkt.hub.demo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import vn.tdkt.hub.domain.registry.Rating;
import vn.tdkt.hub.domain.submission.Initiative;
import vn.tdkt.hub.domain.submission.InitiativeLevel;
import vn.tdkt.hub.domain.submission.Nominee;

/**
 * The individuals of the demo data (rulebook section 5): 79 people, each with a {@link Profile} saying what their
 * unit reports about them in 2021, 2022 and 2023, dealt over the units (0 to 4 people a unit) with realistic
 * Vietnamese names, a gender consistent with the name, a staff code unique in the unit and initiative titles.
 * A person keeps the same unit, staff code, name and initiatives' titles every year.
 *
 * <p>The profiles are designed so that the 2023 closing grants 22 {@code CHIEN_SI_THI_DUA_TINH} (3 years a
 * grassroots emulation soldier with a province-level initiative) and 33 {@code BANG_KHEN_CA_NHAN} (2 years a
 * soldier, or 2 years {@code XUAT_SAC} with 2 initiatives), and nothing to the 20 others, who each miss one
 * condition; 2022 grants 32 {@code BANG_KHEN_CA_NHAN} (2021 and 2022 soldiers) and 2021 grants nothing
 * (no period before it).
 */
final class DemoPeople {

    /**
     * What is reported about a person in 2021, 2022 and 2023. A year is {@code -} (not nominated) or
     * {@code S|N/XS|T/initiatives}: grassroots emulation soldier or not, rated XUAT_SAC or TOT, and one letter per
     * initiative, {@code G} grassroots or {@code P} province level.
     */
    enum Profile {
        /** Chiến sĩ thi đua cấp tỉnh 2023, province-level initiative in 2021 (also Bằng khen 2022). */
        SOLDIER_3Y_PROVINCE_2021(7, "S/XS/P", "S/XS/G", "S/XS/"),
        /** Chiến sĩ thi đua cấp tỉnh 2023, province-level initiative in 2022 (also Bằng khen 2022). */
        SOLDIER_3Y_PROVINCE_2022(8, "S/XS/G", "S/XS/P", "S/XS/"),
        /** Chiến sĩ thi đua cấp tỉnh 2023, province-level initiative in 2023 (also Bằng khen 2022). */
        SOLDIER_3Y_PROVINCE_2023(7, "S/XS/", "S/XS/G", "S/XS/P"),
        /** Bằng khen 2023: soldier in 2022 and 2023, first nominated in 2022. */
        SOLDIER_2Y(8, "-", "S/XS/G", "S/XS/"),
        /** Bằng khen 2023: soldier in 2022 and 2023, not in 2021. */
        SOLDIER_2Y_AFTER_TOT(7, "N/T/", "S/XS/", "S/XS/G"),
        /** Bằng khen 2023 (soldier 2 years), but no Chiến sĩ cấp tỉnh: 3 years a soldier, no province initiative. */
        SOLDIER_3Y_NO_PROVINCE(6, "S/XS/G", "S/XS/G", "S/XS/G"),
        /** Bằng khen 2023: XUAT_SAC in 2022 and 2023 with 2 initiatives, one a year. */
        EXCELLENT_2Y(6, "-", "N/XS/G", "N/XS/G"),
        /** Bằng khen 2023: XUAT_SAC in 2022 and 2023 with 2 initiatives, both in 2022. */
        EXCELLENT_2Y_AFTER_TOT(6, "N/T/", "N/XS/GG", "N/XS/"),
        /** Nothing in 2023: first nominated in 2023. */
        NEWCOMER(8, "-", "-", "S/XS/P"),
        /** Nothing in 2023: not nominated in 2022, so no 2 or 3 consecutive years. */
        GAP_2022(4, "S/XS/G", "-", "S/XS/P"),
        /** Nothing in 2023: XUAT_SAC 2 years but only 1 initiative. */
        EXCELLENT_ONE_INITIATIVE(4, "-", "N/XS/G", "N/XS/"),
        /** Nothing in 2023: a soldier only in 2023. */
        SOLDIER_1Y(4, "-", "N/T/", "S/XS/G"),
        /** Bằng khen 2022 (soldier 2021 and 2022), not nominated in 2023. */
        LEFT_2023(4, "S/XS/G", "S/XS/P", "-");

        private final int people;
        private final List<String> years;

        Profile(int people, String... years) {
            this.people = people;
            this.years = List.of(years);
        }

        /** The year's spec, by index 0 (2021) to 2 (2023); {@code -} when not nominated. */
        String year(int yearIndex) {
            return years.get(yearIndex);
        }
    }

    /** A person of the demo, with the titles of the initiatives of each year (none for a year not nominated). */
    record Person(String unitCode, String staffCode, String fullName, String gender, Profile profile,
                  List<List<Initiative>> initiatives) {

        /** The person's nominee record of a year, if nominated that year. */
        Nominee nominee(int yearIndex) {
            String[] spec = profile.year(yearIndex).split("/", -1);
            if (spec.length == 1) {
                return null;
            }
            Rating rating = spec[1].equals("XS") ? Rating.XUAT_SAC : Rating.TOT;
            return new Nominee(staffCode, fullName, gender, rating, spec[0].equals("S"), initiatives.get(yearIndex));
        }
    }

    private static final int MAX_PER_UNIT = 4;
    private static final int YEARS = 3;

    private static final List<String> FAMILY = List.of("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng",
            "Bùi", "Đỗ", "Ngô", "Dương", "Đinh", "Trịnh", "Đào", "Lương", "Phan", "Tạ", "Mai");
    private static final List<String> WOMEN_MIDDLE = List.of("Thị", "Thị", "Thị", "Thu", "Thanh", "Ngọc", "Thị Thu",
            "Thị Thanh", "Hồng", "Phương");
    private static final List<String> WOMEN_GIVEN = List.of("Hoa", "Hà", "Lan", "Hương", "Thảo", "Trang", "Linh",
            "Mai", "Huyền", "Nga", "Yến", "Hằng", "Nhung", "Dung", "Loan", "Vân", "Oanh", "Thủy");
    private static final List<String> MEN_MIDDLE = List.of("Văn", "Văn", "Văn", "Minh", "Đức", "Quang", "Hữu",
            "Xuân", "Mạnh", "Tiến", "Công");
    private static final List<String> MEN_GIVEN = List.of("Nam", "Tuấn", "Hùng", "Dũng", "Cường", "Hải", "Long",
            "Sơn", "Thắng", "Quân", "Khánh", "Hiếu", "Trung", "Phong", "Tùng", "Huy", "Đạt", "Bình");
    private static final List<String> TITLES = List.of(
            "Số hóa hồ sơ một cửa",
            "Ứng dụng phần mềm quản lý văn bản",
            "Quy trình tiếp nhận hồ sơ trực tuyến liên thông",
            "Chữ ký số trong phát hành văn bản điện tử",
            "Bản đồ số quản lý hạ tầng giao thông",
            "Cơ sở dữ liệu hộ nghèo, hộ cận nghèo",
            "Mô hình dân vận khéo trong xây dựng nông thôn mới",
            "Rút ngắn thời gian giải quyết thủ tục đất đai",
            "Tổ chức hội nghị trực tuyến tiết kiệm chi phí",
            "Quản lý tài sản công bằng phần mềm",
            "Nâng cao hiệu quả kiểm soát chi ngân sách",
            "Hệ thống nhắc việc tự động cho cán bộ",
            "Chuẩn hóa biểu mẫu báo cáo thống kê",
            "Tuyên truyền pháp luật qua mạng xã hội",
            "Ứng dụng mã QR tra cứu thủ tục hành chính",
            "Giải pháp giảm tổn thất điện năng trên lưới trung áp",
            "Theo dõi tiến độ giải ngân vốn đầu tư công",
            "Lưu trữ hồ sơ điện tử tại bộ phận một cửa",
            "Cải tiến quy trình thu bảo hiểm xã hội tự nguyện",
            "Mô hình tổ tự quản bảo vệ an ninh trật tự",
            "Tiếp nhận phản ánh của người dân qua Zalo OA",
            "Quản lý hội viên bằng phần mềm",
            "Hướng dẫn doanh nghiệp nộp thuế điện tử",
            "Chấm điểm cải cách hành chính nội bộ",
            "Bồi dưỡng kỹ năng số cho cán bộ cấp xã",
            "Giám sát chất lượng nước sạch trực tuyến",
            "Thanh toán không dùng tiền mặt tại cơ quan",
            "Sổ tay nghiệp vụ thi hành án dân sự");

    private final Map<String, List<Person>> byUnit;

    private DemoPeople(Map<String, List<Person>> byUnit) {
        this.byUnit = byUnit;
    }

    /**
     * Deals the people, in a shuffled order, over {@code unitCodes}: each unit gets a capacity of 0 to 4 (drawn);
     * first every unit with room gets one person, then the units, taken in a shuffled order, fill up to their
     * capacity until nobody is left. So most units nominate someone, some several people, some none.
     */
    static DemoPeople deal(List<String> unitCodes, long seed) {
        Random rng = new Random(seed);
        List<Profile> profiles = new ArrayList<>();
        for (Profile profile : Profile.values()) {
            profiles.addAll(Collections.nCopies(profile.people, profile));
        }
        shuffle(profiles, rng);
        Map<String, Integer> capacity = new LinkedHashMap<>();
        unitCodes.forEach(unit -> capacity.put(unit, rng.nextInt(MAX_PER_UNIT + 1)));
        List<String> fillOrder = new ArrayList<>(unitCodes);
        shuffle(fillOrder, rng);
        List<String> order = new ArrayList<>(unitCodes.stream().filter(unit -> capacity.get(unit) > 0).toList());
        fillOrder.forEach(unit -> order.addAll(Collections.nCopies(Math.max(0, capacity.get(unit) - 1), unit)));
        if (order.size() < profiles.size()) {
            throw new IllegalStateException("Not enough room for the demo people: " + order.size() + " places for "
                    + profiles.size());
        }
        Map<String, List<Person>> byUnit = new LinkedHashMap<>();
        unitCodes.forEach(unit -> byUnit.put(unit, new ArrayList<>()));
        for (int i = 0; i < profiles.size(); i++) {
            List<Person> colleagues = byUnit.get(order.get(i));
            colleagues.add(person(order.get(i), profiles.get(i), colleagues, rng));
        }
        return new DemoPeople(byUnit);
    }

    /** The unit's nominees of a year (index 0 = 2021), in dealing order. */
    List<Nominee> nominees(String unitCode, int yearIndex) {
        return byUnit.getOrDefault(unitCode, List.of()).stream()
                .map(p -> p.nominee(yearIndex))
                .filter(n -> n != null)
                .toList();
    }

    private static Person person(String unit, Profile profile, List<Person> colleagues, Random rng) {
        Set<String> codes = new HashSet<>();
        Set<String> names = new HashSet<>();
        colleagues.forEach(p -> {
            codes.add(p.staffCode());
            names.add(p.fullName());
        });
        String staffCode;
        do {
            staffCode = "NV-%04d".formatted(1 + rng.nextInt(9999));
        } while (!codes.add(staffCode));
        boolean woman = rng.nextInt(100) < 55;
        String fullName;
        do {
            fullName = pick(FAMILY, rng) + " " + (woman
                    ? pick(WOMEN_MIDDLE, rng) + " " + pick(WOMEN_GIVEN, rng)
                    : pick(MEN_MIDDLE, rng) + " " + pick(MEN_GIVEN, rng));
        } while (!names.add(fullName));
        Set<String> titles = new HashSet<>();
        List<List<Initiative>> initiatives = new ArrayList<>();
        for (int year = 0; year < YEARS; year++) {
            String[] spec = profile.year(year).split("/", -1);
            List<Initiative> ofYear = new ArrayList<>();
            for (char level : (spec.length == 1 ? "" : spec[2]).toCharArray()) {
                String title;
                do {
                    title = pick(TITLES, rng);
                } while (!titles.add(title));
                ofYear.add(new Initiative(title, level == 'P' ? InitiativeLevel.PROVINCE : InitiativeLevel.GRASSROOTS));
            }
            initiatives.add(List.copyOf(ofYear));
        }
        return new Person(unit, staffCode, fullName, woman ? "F" : "M", profile, List.copyOf(initiatives));
    }

    private static String pick(List<String> values, Random rng) {
        return values.get(rng.nextInt(values.size()));
    }

    /** Fisher-Yates, written out so that the order depends only on the seed, not on the JDK's implementation. */
    private static <T> void shuffle(List<T> list, Random rng) {
        for (int i = list.size() - 1; i > 0; i--) {
            Collections.swap(list, i, rng.nextInt(i + 1));
        }
    }
}
