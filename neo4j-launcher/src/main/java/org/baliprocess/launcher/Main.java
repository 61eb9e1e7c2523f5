package org.baliprocess.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.SettingValueParsers;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.locker.FileLockException;
import org.neo4j.logging.Level;
import org.neo4j.logging.log4j.Log4jLogProvider;

/**
 * Runs an embedded Neo4j Community DBMS with Bolt on 127.0.0.1 and nothing else.
 *
 * <p>Protocol with the parent process: stdout carries exactly one line, {@code READY
 * bolt://127.0.0.1:<port>}, once the default database answers a query; everything else goes to
 * stderr or to the logs under the data folder. The process stops cleanly on SIGTERM/SIGINT and
 * when stdin reaches end-of-file, so that a parent holding a pipe to stdin cannot leave it behind.
 * On failure it prints one line starting with {@code neo4j-launcher:} on stderr and exits 1.
 */
public final class Main {
    private static final String USAGE =
            "usage: Main --port N --data-dir PATH [--page-cache SIZE (e.g. 256m)] [--tx-memory-max SIZE]"
                    + " [--tx-memory-total SIZE] [--tx-timeout-ms N]";

    private Main() {}

    public static void main(String[] args) {
        // Claim stdout for the READY line before any library can print to it.
        PrintStream protocol = System.out;
        System.setOut(System.err);

        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            fail(e.getMessage() + " (" + USAGE + ")");
            return;
        }

        watchStdin();

        DatabaseManagementService dbms;
        try {
            dbms = start(options);
        } catch (Throwable e) {
            fail(describeStartFailure(e, options));
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(dbms), "neo4j-launcher-shutdown"));

        protocol.println("READY bolt://127.0.0.1:" + options.port);
        protocol.flush();

        // The DBMS threads keep running; this thread only has to stay out of the way until exit.
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static DatabaseManagementService start(Options options) throws IOException {
        Files.createDirectories(options.dataDir);
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(options.dataDir)
                .setUserLogProvider(new Log4jLogProvider(System.err, Level.WARN))
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", options.port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", options.port))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, options.pageCacheBytes)
                // Governed work: Neo4j stops a transaction that would use more memory than its own
                // share or than all transactions may use together, and one that runs too long, so
                // that no query can exhaust the heap or hold the database.
                .setConfig(GraphDatabaseSettings.memory_tracking, true)
                .setConfig(GraphDatabaseSettings.memory_transaction_max_size, options.txMemoryMaxBytes)
                .setConfig(GraphDatabaseSettings.memory_transaction_global_max_size, options.txMemoryTotalBytes)
                .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofMillis(options.txTimeoutMs))
                // A development database: keep the transaction logs a few MB, not 2 days' worth.
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "false")
                .setConfig(GraphDatabaseSettings.logical_log_rotation_threshold, 16L * 1024 * 1024)
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                // Netty waits 5 s per Bolt event loop for late work by default, which made every
                // stop take over 10 s; connections are already closed at that point.
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .build();
        try {
            GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
            if (!db.isAvailable(TimeUnit.MINUTES.toMillis(2))) {
                throw new IllegalStateException("the default database did not become available within 2 minutes");
            }
            db.executeTransactionally("RETURN 1");
            return dbms;
        } catch (RuntimeException e) {
            stop(dbms);
            throw e;
        }
    }

    private static void stop(DatabaseManagementService dbms) {
        try {
            dbms.shutdown();
            System.err.println("neo4j-launcher: stopped");
        } catch (Throwable e) {
            System.err.println("neo4j-launcher: error while stopping: " + oneLine(e));
        }
    }

    /** Exits (running the shutdown hook) when the parent closes our stdin or dies. */
    private static void watchStdin() {
        Thread watcher = new Thread(() -> {
            byte[] buffer = new byte[256];
            try (InputStream in = System.in) {
                while (in.read(buffer) != -1) {
                    // Input is ignored; only its end matters.
                }
            } catch (IOException ignored) {
                // A broken stdin means the parent is gone, same as end-of-file.
            }
            System.err.println("neo4j-launcher: stdin closed, shutting down");
            System.exit(0);
        }, "neo4j-launcher-stdin");
        watcher.setDaemon(true);
        watcher.start();
    }

    private static String describeStartFailure(Throwable e, Options options) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException) {
                return "port " + options.port + " on 127.0.0.1 is already in use";
            }
            if (cause instanceof FileLockException) {
                return "data folder " + options.dataDir + " is locked by another Neo4j process (" + oneLine(cause) + ")";
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return "failed to start Neo4j: " + oneLine(root);
    }

    private static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
        return message.replaceAll("\\s+", " ").trim();
    }

    private static void fail(String message) {
        System.err.println("neo4j-launcher: " + oneLine(new RuntimeException(message)));
        System.err.flush();
        // halt, not exit: a half-started DBMS must not get a chance to print after this line.
        Runtime.getRuntime().halt(1);
    }

    private record Options(
            int port,
            Path dataDir,
            long pageCacheBytes,
            long txMemoryMaxBytes,
            long txMemoryTotalBytes,
            long txTimeoutMs) {
        static Options parse(String[] args) {
            Integer port = null;
            Path dataDir = null;
            String pageCache = "256m";
            String txMemoryMax = "128m";
            String txMemoryTotal = "512m";
            String txTimeoutMs = "60000";
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value for " + name);
                }
                String value = args[++i];
                switch (name) {
                    case "--port" -> port = parsePort(value);
                    case "--data-dir" -> dataDir = Path.of(value).toAbsolutePath().normalize();
                    case "--page-cache" -> pageCache = value;
                    case "--tx-memory-max" -> txMemoryMax = value;
                    case "--tx-memory-total" -> txMemoryTotal = value;
                    case "--tx-timeout-ms" -> txTimeoutMs = value;
                    default -> throw new IllegalArgumentException("unknown argument " + name);
                }
            }
            if (port == null) {
                throw new IllegalArgumentException("--port is required");
            }
            if (dataDir == null) {
                throw new IllegalArgumentException("--data-dir is required");
            }
            long timeout;
            try {
                timeout = Long.parseLong(txTimeoutMs);
            } catch (NumberFormatException e) {
                timeout = -1;
            }
            if (timeout <= 0) {
                throw new IllegalArgumentException("--tx-timeout-ms must be a number above 0, not " + txTimeoutMs);
            }
            return new Options(
                    port,
                    dataDir,
                    parseSize("--page-cache", pageCache),
                    parseSize("--tx-memory-max", txMemoryMax),
                    parseSize("--tx-memory-total", txMemoryTotal),
                    timeout);
        }

        private static long parseSize(String name, String value) {
            try {
                return SettingValueParsers.BYTES.parse(value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + " must be a size such as 256m, not " + value);
            }
        }

        private static int parsePort(String value) {
            try {
                int port = Integer.parseInt(value);
                if (port >= 1 && port <= 65535) {
                    return port;
                }
            } catch (NumberFormatException ignored) {
                // Reported below with the offending value.
            }
            throw new IllegalArgumentException("--port must be a number from 1 to 65535, not " + value);
        }
    }
}
