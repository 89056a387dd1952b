package kg.neo4j;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.QueryExecutionException;

/**
 * Runs a Neo4j 5.26 Community DBMS embedded, for kg's integration tests.
 *
 * <p>Bolt listens on 127.0.0.1 only, on a free port (or KG_NEO4J_PORT); authentication is on and the
 * password of user neo4j is read from the NEO4J_PASSWORD environment variable, never from argv. When Bolt
 * is ready the launcher prints one line, the bolt URI, on stdout. It stops cleanly on stdin EOF or SIGTERM.
 *
 * <p>Usage: {@code java -cp CLASSPATH kg.neo4j.Launcher [HOME]}. With HOME the database files are kept
 * there (a restart serves the same data, a home written by neo4j-admin import is served); without it a
 * temporary home is used and deleted at exit.
 */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) throws Exception {
        String password = System.getenv("NEO4J_PASSWORD");
        if (password == null || password.length() < 8) {
            System.err.println("launcher: set NEO4J_PASSWORD (at least 8 characters) in the environment");
            System.exit(2);
        }
        boolean temporary = args.length == 0;
        Path home = temporary ? Files.createTempDirectory("kg-neo4j-") : Path.of(args[0]).toAbsolutePath();
        Files.createDirectories(home);
        String portEnv = System.getenv("KG_NEO4J_PORT");
        int port = portEnv != null && !portEnv.isEmpty() ? Integer.parseInt(portEnv) : freePort();

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(HttpConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.pagecache_memory, 256L * 1024 * 1024)
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .setConfig(GraphDatabaseSettings.udc_enabled, false) // no usage reports
                .setConfig(GraphDatabaseInternalSettings.udc_network_enabled, false)
                // stop in a second, not ten: tests start and stop servers several times
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(2))
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
                .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1))
                .build();
        Thread stopper = new Thread(() -> stop(dbms, home, temporary));
        Runtime.getRuntime().addShutdownHook(stopper);

        try {
            setPassword(dbms, password);
            dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).executeTransactionally("RETURN 1");
        } catch (RuntimeException e) {
            System.err.println("launcher: Neo4j did not come up: " + e);
            System.exit(1);
        }

        System.out.println("bolt://127.0.0.1:" + port);
        System.out.flush();

        InputStream in = System.in;
        byte[] buffer = new byte[256];
        while (in.read(buffer) >= 0) {
            // wait for EOF: the parent closed our stdin, or died
        }
        System.exit(0); // runs the shutdown hook
    }

    /** Give user neo4j the password (a restart on the same home finds it set already). */
    private static void setPassword(DatabaseManagementService dbms, String password) {
        try {
            dbms.database("system").executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));
        } catch (QueryExecutionException e) {
            if (!String.valueOf(e.getMessage()).contains("cannot be the same")) {
                throw e;
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void stop(DatabaseManagementService dbms, Path home, boolean temporary) {
        try {
            dbms.shutdown();
        } catch (RuntimeException e) {
            System.err.println("launcher: shutdown failed: " + e);
        }
        if (temporary) {
            try (Stream<Path> paths = Files.walk(home)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                System.err.println("launcher: could not delete " + home + ": " + e);
            }
        }
    }
}
