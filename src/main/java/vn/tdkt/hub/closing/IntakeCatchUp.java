package vn.tdkt.hub.closing;

/**
 * Waits until the intake has processed every submission that reached the results topic before this call
 * (rulebook section 4). Throws {@link IllegalStateException} when it cannot catch up in time: the close then
 * fails loudly and is retried, never decided on partial data.
 */
@FunctionalInterface
public interface IntakeCatchUp {

    void await();
}
