package graphmodel.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.server.CommunityBootstrapper;

/**
 * Runs a persistent Neo4j 5.26 Community server (Bolt, HTTP and Neo4j Browser) for {@code graphmodel neo4j start}.
 *
 * <pre>
 *   java -cp ... graphmodel.server.Launcher HOME BOLT_PORT HTTP_PORT
 * </pre>
 *
 * <ul>
 *   <li>HOME holds everything Neo4j keeps: {@code HOME/data} (the databases, kept across restarts),
 *       {@code HOME/logs}, {@code HOME/conf/neo4j.conf} (optional: settings a user adds there are read,
 *       except the ones below, which this launcher sets).</li>
 *   <li>Bolt and HTTP listen on 127.0.0.1 only; HTTPS is off; Neo4j Browser is served at /browser/.</li>
 *   <li>The password of user {@code neo4j} is set to the value of {@value #PASSWORD_ENV} on every start
 *       (through the system database, with full privileges), so the caller always knows it.</li>
 *   <li>Once Bolt and HTTP answer, one line goes to stdout: {@code READY bolt://127.0.0.1:BOLT http://127.0.0.1:HTTP}.</li>
 *   <li>It runs until SIGTERM / SIGINT; Neo4j's own shutdown hook then closes the databases cleanly.</li>
 * </ul>
 *
 * Exit codes: 0 after a clean shutdown, 1 if Neo4j could not start, 2 on bad usage.
 */
public final class Launcher {
    /** Environment variable holding the password (kept out of the process list). */
    public static final String PASSWORD_ENV = "GRAPHMODEL_NEO4J_PASSWORD";

    private static final String HOST = "127.0.0.1";
    private static final int MIN_PASSWORD_LENGTH = 8;

    private Launcher() {}

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 3) {
            usage("expected 3 arguments, got " + args.length);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int bolt = port(args[1]);
        int http = port(args[2]);
        String password = System.getenv(PASSWORD_ENV);
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            usage(PASSWORD_ENV + " must hold a password of at least " + MIN_PASSWORD_LENGTH + " characters");
        }

        CommunityBootstrapper neo4j = new CommunityBootstrapper();
        int status = neo4j.start(home, home.resolve("conf").resolve("neo4j.conf"), settings(home, bolt, http), false, false);
        if (status != 0 || !neo4j.isRunning()) {
            System.err.println("ERROR: Neo4j did not start (status " + status + "); see " + home.resolve("logs"));
            System.exit(1);
        }
        try {
            setPassword(neo4j, password);
        } catch (RuntimeException e) {
            System.err.println("ERROR: could not set the password of user neo4j: " + e.getMessage());
            neo4j.stop();
            System.exit(1);
        }
        System.out.println("READY bolt://" + HOST + ":" + bolt + " http://" + HOST + ":" + http);
        System.out.flush();
        new CountDownLatch(1).await(); // Neo4j's shutdown hook stops the server on SIGTERM / SIGINT
    }

    private static Map<String, String> settings(Path home, int bolt, int http) {
        Map<String, String> config = new HashMap<>();
        config.put("server.default_listen_address", HOST);
        config.put("server.default_advertised_address", HOST);
        config.put("server.bolt.enabled", "true");
        config.put("server.bolt.listen_address", HOST + ":" + bolt);
        config.put("server.bolt.advertised_address", HOST + ":" + bolt);
        config.put("server.http.enabled", "true");
        config.put("server.http.listen_address", HOST + ":" + http);
        config.put("server.http.advertised_address", HOST + ":" + http);
        config.put("server.https.enabled", "false");
        config.put("dbms.security.auth_enabled", "true");
        config.put("dbms.usage_report.enabled", "false");
        config.put("server.memory.pagecache.size", "256m");
        // LOAD CSV reads files only from HOME/import (empty unless the user puts files there) and no URL at all:
        // every address is blocked, so no query can read the machine's files or reach a local service.
        config.put("server.directories.import", home.resolve("import").toString());
        config.put("dbms.security.allow_csv_import_from_file_urls", "true");
        config.put("internal.dbms.cypher_ip_blocklist", "0.0.0.0/0,::/0");
        // No procedure from a plugin is loaded, and none may bypass security; the built-in ones (db.*, dbms.*) stay.
        config.put("server.directories.plugins", home.resolve("plugins").toString());
        config.put("dbms.security.procedures.allowlist", "");
        config.put("dbms.security.procedures.unrestricted", "");
        // Netty waits a quiet period per event loop group before it stops: about 10 s on every stop.
        config.put("internal.dbms.bolt.netty_server_shutdown_quiet_period", "0");
        return config;
    }

    /** Sets the password of neo4j; the same password again is no change (Neo4j refuses it, so it is skipped). */
    private static void setPassword(CommunityBootstrapper neo4j, String password) {
        try {
            neo4j.getDatabaseManagementService()
                    .database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME)
                    .executeTransactionally(
                            "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
                            Map.of("password", password));
        } catch (RuntimeException e) {
            String message = String.valueOf(e.getMessage());
            if (!message.contains("cannot be the same")) {
                throw e;
            }
        }
    }

    private static int port(String text) {
        try {
            int port = Integer.parseInt(text.trim());
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        usage("a port must be an integer in 1..65535, got '" + text + "'");
        return -1;
    }

    private static void usage(String problem) {
        System.err.println("ERROR: " + problem);
        System.err.println("usage: java graphmodel.server.Launcher HOME BOLT_PORT HTTP_PORT  (password in " + PASSWORD_ENV + ")");
        System.exit(2);
    }
}
