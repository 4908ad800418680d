package vn.tdkt.hub.domain.registry;

/** Rating [xếp loại] of a complete unit or of a nominee (rulebook section 3). */
public enum Rating {
    XUAT_SAC("Hoàn thành xuất sắc nhiệm vụ"),
    TOT("Hoàn thành tốt nhiệm vụ"),
    HOAN_THANH("Hoàn thành nhiệm vụ"),
    KHONG_HOAN_THANH("Không hoàn thành nhiệm vụ");

    private final String vietnamese;

    Rating(String vietnamese) {
        this.vietnamese = vietnamese;
    }

    public String vietnamese() {
        return vietnamese;
    }
}
