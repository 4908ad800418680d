package vn.tdkt.hub.app;

import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.apache.logging.log4j.LogManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.tdkt.hub.config.HubConfig;

/**
 * Command line entry point: {@code java -jar emulation-hub.jar [--demo]}.
 * Without Kafka, database or SMTP settings it runs in embedded mode; {@code --demo} then publishes the demo
 * submissions and prints where to look. Stops on Ctrl-C (Camel first, then the database, mail server, broker,
 * and logging last so the final lines are kept).
 */
public final class HubMain {

    private static final Logger LOG = LoggerFactory.getLogger(HubMain.class);

    private HubMain() {
    }

    public static void main(String[] args) throws Exception {
        List<String> options = List.of(args);
        if (options.contains("--help")) {
            System.out.println("usage: java -jar emulation-hub.jar [--demo]");
            return;
        }
        Hub hub = Hub.start(HubConfig.load());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("Stopping the hub");
            hub.close();
            stopped.countDown();
            LogManager.shutdown();
        }, "hub-shutdown"));
        System.out.println(Banner.render(hub));
        if (options.contains("--demo")) {
            Demo.run(hub);
        }
        stopped.await();
    }
}
