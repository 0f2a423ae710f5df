import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.elasticsearch.Version;
import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.index.mapper.MapperExtrasPlugin;
import org.elasticsearch.index.rankeval.RankEvalPlugin;
import org.elasticsearch.join.ParentJoinPlugin;
import org.elasticsearch.node.InternalSettingsPreparer;
import org.elasticsearch.node.Node;
import org.elasticsearch.percolator.PercolatorPlugin;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.reindex.ReindexPlugin;
import org.elasticsearch.script.mustache.MustachePlugin;
import org.elasticsearch.search.aggregations.matrix.MatrixAggregationPlugin;
import org.elasticsearch.transport.Netty4Plugin;

/**
 * A single-node Elasticsearch for development and tests, assembled from the Maven Central jars.
 *
 * Usage: UnionEsNode HTTP_PORT HOME_DIR DATA_DIR [CLUSTER_NAME]
 *
 * With -Dunion.es.exitOnStdinEof=true it also stops when its stdin closes (the parent died).
 *
 * It does not go through Elasticsearch's Bootstrap (no security manager, no bootstrap checks),
 * so it must never serve production data.
 */
public final class UnionEsNode extends Node {

    private static final List<Class<? extends Plugin>> MODULES = Arrays.asList(
        Netty4Plugin.class,
        ReindexPlugin.class,
        MustachePlugin.class,
        PercolatorPlugin.class,
        ParentJoinPlugin.class,
        RankEvalPlugin.class,
        MatrixAggregationPlugin.class,
        MapperExtrasPlugin.class
    );

    private UnionEsNode(Environment environment, Collection<Class<? extends Plugin>> plugins) {
        // The public constructor only loads plugins from path.home/plugins; modules on our
        // classpath can only be registered through this protected one.
        super(environment, plugins, true);
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3 || args.length > 4) {
            System.err.println("usage: UnionEsNode HTTP_PORT HOME_DIR DATA_DIR [CLUSTER_NAME]");
            System.exit(2);
        }
        // Log4j's own shutdown hook would stop logging while the node is still closing.
        System.setProperty("log4j.shutdownHookEnabled", "false");
        System.setProperty("log4j2.disable.jmx", "true");
        String port = args[0];
        String clusterName = args.length == 4 ? args[3] : "union-dev";
        Settings settings = Settings.builder()
            .put("cluster.name", clusterName)
            .put("node.name", "union-dev-node")
            .put("discovery.type", "single-node")
            .put("network.host", "127.0.0.1")
            .put("http.port", port)
            .put("path.home", Path.of(args[1]).toAbsolutePath().toString())
            .put("path.data", Path.of(args[2]).toAbsolutePath().toString())
            // Developer disks are often nearly full; the watermarks would turn the cluster read-only.
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            // Log4j's default configuration only prints errors; startup and recovery are worth seeing.
            .put("logger.level", "INFO")
            .build();

        LogConfigurator.configureWithoutConfig(settings);
        Environment environment = InternalSettingsPreparer.prepareEnvironment(
            settings, Collections.emptyMap(), null, () -> "union-dev-node");

        UnionEsNode node = new UnionEsNode(environment, MODULES);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
                node.awaitClose(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                e.printStackTrace();
            }
        }, "union-es-shutdown"));

        try {
            node.start();
        } catch (Throwable e) {
            e.printStackTrace();
            System.err.println("UnionEsNode failed to start: " + e);
            // halt, not exit: the shutdown hook would block on the half-started node.
            Runtime.getRuntime().halt(1);
        }
        System.out.println("UnionEsNode started: Elasticsearch " + Version.CURRENT
            + " cluster [" + clusterName + "] at http://127.0.0.1:" + port);
        System.out.flush();
        if (Boolean.getBoolean("union.es.exitOnStdinEof")) {
            exitWhenStdinCloses();
        }
        // Node threads are daemons; keep the JVM alive until SIGTERM/SIGINT runs the hook.
        Thread.currentThread().join();
    }

    /** The parent holds our stdin open; EOF means it died without stopping us. */
    private static void exitWhenStdinCloses() {
        Thread watcher = new Thread(() -> {
            try {
                while (System.in.read() != -1) {
                    // ignore input
                }
            } catch (IOException e) {
                // treat a broken stdin like EOF
            }
            System.exit(0);
        }, "union-es-parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }
}
