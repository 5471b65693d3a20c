package graphmodel.harness;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import inet.ipaddr.IPAddressString;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;
import org.neo4j.io.ByteUnit;

/**
 * Starts an in-process Neo4j (neo4j-harness) for graphmodel's test suite.
 *
 * <pre>
 *   java -Xmx1g -cp ... graphmodel.harness.Launcher PORT [PASSWORD]
 * </pre>
 *
 * <ul>
 *   <li>Bolt listens on 127.0.0.1:PORT without TLS; HTTP and HTTPS are disabled.</li>
 *   <li>LOAD CSV reads no file (file URLs are off) and no URL (every address is blocked), and no
 *       procedure from a plugin is loaded: no query reaches the machine the tests run on.</li>
 *   <li>Authentication is enabled: user {@code neo4j} gets PASSWORD (at least 8 characters).
 *       If PASSWORD is not given on the command line it is read from the environment
 *       variable {@value #PASSWORD_ENV}, which keeps it out of the process list.</li>
 *   <li>Exactly one line goes to stdout: {@code READY bolt://127.0.0.1:PORT}, once a Bolt
 *       handshake succeeds. Everything else (diagnostics, errors) goes to stderr.</li>
 *   <li>The server runs until stdin reaches end-of-file (the parent closed it or died)
 *       or the JVM is asked to stop (SIGTERM / SIGINT), then shuts down cleanly.</li>
 * </ul>
 *
 * Exit codes: 0 after a clean shutdown, 1 if the server could not start, 2 on bad usage.
 */
public final class Launcher {
    /** Environment variable consulted when no password is given on the command line. */
    public static final String PASSWORD_ENV = "GRAPHMODEL_NEO4J_HARNESS_PASSWORD";

    private static final String HOST = "127.0.0.1";
    private static final int MIN_PASSWORD_LENGTH = 8;
    private static final Duration BOLT_WAIT = Duration.ofSeconds(60);

    private static final Object LOCK = new Object();
    private static Neo4j server;
    private static boolean stopped;

    private Launcher() {}

    public static void main(String[] args) {
        // Reserve the real stdout for the READY line; anything Neo4j or a library
        // might print goes to stderr so the parent can parse stdout reliably.
        PrintStream protocolOut = System.out;
        System.setOut(System.err);

        int port;
        String password;
        try {
            port = parsePort(args);
            password = resolvePassword(args);
        } catch (IllegalArgumentException e) {
            System.err.println("ERROR: " + e.getMessage());
            System.err.println("usage: java graphmodel.harness.Launcher PORT [PASSWORD]"
                    + "  (or set " + PASSWORD_ENV + ")");
            System.exit(2);
            return;
        }

        Runtime.getRuntime().addShutdownHook(new Thread(Launcher::stop, "neo4j-harness-shutdown"));

        try {
            start(port, password);
        } catch (Throwable t) {
            System.err.println("ERROR: could not start Neo4j on " + HOST + ":" + port + ": " + t);
            t.printStackTrace(System.err);
            stop();
            System.exit(1);
            return;
        }

        protocolOut.println("READY bolt://" + HOST + ":" + port);
        protocolOut.flush();

        waitForEndOfStdin();
        System.err.println("stdin closed; shutting down Neo4j");
        stop();
        System.exit(0);
    }

    private static int parsePort(String[] args) {
        if (args.length < 1 || args.length > 2) {
            throw new IllegalArgumentException("expected 1 or 2 arguments, got " + args.length);
        }
        int port;
        try {
            port = Integer.parseInt(args[0].trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("PORT must be an integer, got '" + args[0] + "'");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("PORT must be in 1..65535, got " + port);
        }
        return port;
    }

    private static String resolvePassword(String[] args) {
        String password = args.length == 2 ? args[1] : System.getenv(PASSWORD_ENV);
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException(
                    "no password given: pass it as the second argument or set " + PASSWORD_ENV);
        }
        if (password.length() < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException(
                    "password must have at least " + MIN_PASSWORD_LENGTH + " characters (Neo4j's minimum)");
        }
        return password;
    }

    private static void start(int port, String password) throws IOException, InterruptedException {
        Neo4j neo4j = Neo4jBuilders.newInProcessBuilder()
                .withDisabledServer() // no HTTP / HTTPS connectors
                .withConfig(HttpConnector.enabled, false)
                .withConfig(HttpsConnector.enabled, false)
                .withConfig(BoltConnector.enabled, true)
                .withConfig(BoltConnector.listen_address, new SocketAddress(HOST, port))
                .withConfig(BoltConnector.advertised_address, new SocketAddress(HOST, port))
                .withConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .withConfig(GraphDatabaseSettings.auth_enabled, true)
                .withConfig(GraphDatabaseSettings.allow_file_urls, false)
                .withConfig(GraphDatabaseInternalSettings.cypher_ip_blocklist,
                        List.of(new IPAddressString("0.0.0.0/0"), new IPAddressString("::/0")))
                .withConfig(GraphDatabaseSettings.procedure_allowlist, List.of())
                .withConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(64))
                .withConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .withConfig(GraphDatabaseSettings.preallocate_store_files, false)
                // Netty waits a quiet period (seconds) per event loop group before it
                // stops; the defaults add about 10 s to every shutdown of a test server.
                .withConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .build();
        synchronized (LOCK) {
            server = neo4j;
            if (stopped) { // a shutdown request raced with start-up
                neo4j.close();
                throw new IllegalStateException("shutdown requested during start-up");
            }
        }

        // With auth enabled the built-in user is neo4j/neo4j with a forced password change.
        // Set the requested password through the system database (embedded transactions
        // run with full privileges) so Bolt clients must use it.
        neo4j.databaseManagementService()
                .database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME)
                .executeTransactionally(
                        "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
                        Map.of("password", password));

        waitForBolt(port);
        System.err.println("Neo4j " + neo4jVersion(neo4j) + " ready, Bolt on " + HOST + ":" + port);
    }

    private static String neo4jVersion(Neo4j neo4j) {
        try {
            return neo4j.defaultDatabaseService().executeTransactionally(
                    "CALL dbms.components() YIELD versions RETURN versions[0] AS v",
                    Map.of(),
                    result -> String.valueOf(result.next().get("v")));
        } catch (RuntimeException e) {
            return "(version unknown: " + e.getMessage() + ")";
        }
    }

    /** Waits until the Bolt port answers a protocol handshake. */
    private static void waitForBolt(int port) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + BOLT_WAIT.toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline) {
            try {
                boltHandshake(port);
                return;
            } catch (IOException e) {
                last = e;
                Thread.sleep(100);
            }
        }
        throw new IOException("Bolt on " + HOST + ":" + port + " did not answer a handshake within "
                + BOLT_WAIT.toSeconds() + " s", last);
    }

    private static void boltHandshake(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 2000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(new byte[] {
                (byte) 0x60, (byte) 0x60, (byte) 0xB0, (byte) 0x17, // Bolt magic preamble
                0, 7, 7, 5, // Bolt 5.7 down to 5.0
                0, 4, 4, 4, // Bolt 4.4 down to 4.0
                0, 0, 0, 0,
                0, 0, 0, 0,
            });
            out.flush();
            byte[] reply = new byte[4];
            new DataInputStream(socket.getInputStream()).readFully(reply);
            if (reply[0] == 0 && reply[1] == 0 && reply[2] == 0 && reply[3] == 0) {
                throw new IOException("Bolt server rejected all proposed protocol versions");
            }
        }
    }

    private static void waitForEndOfStdin() {
        InputStream in = System.in;
        byte[] buffer = new byte[256];
        try {
            while (in.read(buffer) != -1) {
                // Input is ignored; only end-of-file matters.
            }
        } catch (IOException e) {
            System.err.println("reading stdin failed (" + e.getMessage() + "); shutting down");
        }
    }

    private static void stop() {
        Neo4j toClose;
        synchronized (LOCK) {
            if (stopped) {
                return;
            }
            stopped = true;
            toClose = server;
        }
        if (toClose != null) {
            try {
                toClose.close();
                System.err.println("Neo4j stopped");
            } catch (RuntimeException e) {
                System.err.println("ERROR while stopping Neo4j: " + e);
            }
        }
        System.err.flush();
    }
}
