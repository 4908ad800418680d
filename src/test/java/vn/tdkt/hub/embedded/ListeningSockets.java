package vn.tdkt.hub.embedded;


import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the kernel's TCP socket tables (Linux {@code /proc/net/tcp} and {@code tcp6}) to see which
 * local addresses listen on a port, without sending traffic to any other interface.
 */
final class ListeningSockets {

    /** 127.0.0.1 as the kernel writes it (hex, little-endian). */
    static final String LOOPBACK = "0100007F";

    private static final String LISTEN = "0A";
    /** Prefix of an IPv4-mapped IPv6 address (::ffff:a.b.c.d), as Java's dual-stack sockets show. */
    private static final String IPV4_MAPPED = "0000000000000000FFFF0000";

    private ListeningSockets() {
    }

    /**
     * Local addresses (kernel hex notation) of the sockets listening on {@code port}, IPv4 and IPv6;
     * IPv4-mapped IPv6 addresses are given as their IPv4 part.
     */
    static List<String> addresses(int port) throws IOException {
        if (!Files.exists(Path.of("/proc/net/tcp"))) {
            throw new IllegalStateException("these checks read Linux's /proc/net/tcp");
        }
        String portSuffix = String.format(":%04X", port);
        List<String> addresses = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path path = Path.of(table);
            if (!Files.exists(path)) {
                continue;
            }
            List<String> lines = Files.readAllLines(path);
            for (String line : lines.subList(1, lines.size())) { // first line: column names
                String[] fields = line.trim().split("\\s+"); // sl, local_address, rem_address, st, ...
                if (LISTEN.equals(fields[3]) && fields[1].endsWith(portSuffix)) {
                    String address = fields[1].substring(0, fields[1].length() - portSuffix.length());
                    addresses.add(address.startsWith(IPV4_MAPPED) ? address.substring(IPV4_MAPPED.length()) : address);
                }
            }
        }
        return addresses;
    }
}
