package vn.tdkt.hub.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The benchmark's results as a Markdown table, with the machine they were measured on. */
final class Report {

    private final List<String[]> rows = new ArrayList<>();

    void add(String what, String result, String detail) {
        rows.add(new String[] {what, result, detail});
        System.out.printf("[bench] %s: %s (%s)%n", what, result, detail);
    }

    String markdown(String parameters) {
        StringBuilder md = new StringBuilder("# Emulation Hub benchmark\n\n| measure | result | detail |\n"
                + "| --- | --- | --- |\n");
        for (String[] r : rows) {
            md.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        md.append("\nParameters: ").append(parameters).append("\n\nMachine: ").append(machine()).append('\n');
        return md.toString();
    }

    /** Prints the table and writes it to {@code file}. */
    void write(String parameters, Path file) throws IOException {
        String md = markdown(parameters);
        System.out.println();
        System.out.println(md);
        Files.createDirectories(file.getParent());
        Files.writeString(file, md, StandardCharsets.UTF_8);
        System.out.println("[bench] written to " + file.toAbsolutePath());
    }

    /** Cores, memory, CPU model, Java and OS. */
    static String machine() {
        String memory = "?";
        String cpu = "?";
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    memory = String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(line.replaceAll("\\D", ""))
                            / 1024.0 / 1024.0);
                }
            }
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("?");
        } catch (IOException e) {
            // not Linux: leave the unknowns
        }
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), " + memory + " memory, Java "
                + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + "), "
                + System.getProperty("os.name") + " " + System.getProperty("os.version");
    }

    /** The machine's 1-minute load average ({@code /proc/loadavg}), "?" where unknown. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    static String number(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }

    static String decimal(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
