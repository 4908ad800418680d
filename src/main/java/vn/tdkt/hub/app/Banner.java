package vn.tdkt.hub.app;

import vn.tdkt.hub.config.Topics;

/** What the hub prints once it runs: where to look and how to publish a submission. */
final class Banner {

    private Banner() {
    }

    static String render(Hub hub) {
        Topics topics = hub.topics();
        StringBuilder b = new StringBuilder("\n=== Emulation Hub (Trục tích hợp Thi đua - Khen thưởng) is running ===\n");
        hub.endpoints().forEach((k, v) -> b.append(String.format("  %-10s %s%n", k, v)));
        b.append("  Topics:\n");
        topics.byName().forEach((k, v) -> b.append(String.format("    %-10s %s%n", k, v)));
        b.append("  Dashboard: ").append(hub.httpBase()).append("/dashboard  (API: ").append(hub.httpBase())
                .append("/api/openapi.json, metrics: /metrics, health: /health/ready)\n");
        if (hub.generatedCredentials() != null) {
            b.append("  HTTP tokens generated for this run (embedded mode only):\n")
                    .append("    office (commands):           ").append(hub.generatedCredentials().officeToken()).append('\n')
                    .append("    department (any unit):       ").append(hub.generatedCredentials().departmentToken())
                    .append('\n');
        }
        if (hub.certificateSigning() != null) {
            b.append("  Certificates: ").append(hub.certificateSigning()).append('\n');
        }
        b.append("  Publish a submission, e.g. with kcat:\n")
                .append("    kcat -P -b ").append(hub.bootstrapServers()).append(" -t ").append(topics.results())
                .append(" -k SO-KHDT submission.json\n")
                .append("  Read scorecards:\n")
                .append("    kcat -C -b ").append(hub.bootstrapServers()).append(" -t ").append(topics.scores())
                .append(" -o beginning -e\n")
                .append("  Stop with Ctrl-C.\n");
        return b.toString();
    }
}
