package aikg;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * A real Neo4j Community server in one JVM, for aikg's tests and for people without Docker.
 *
 * <p>Bolt on 127.0.0.1 only (a free port unless --port), auth on (user neo4j, the password from
 * --password, else NEO4J_PASSWORD, else a random one that is printed), HTTP off, a bounded page
 * cache, APOC core loaded, a temporary home deleted on exit unless --home is given. It prints
 * one line starting with {@value #READY} once Bolt accepts connections, naming the Bolt URI and
 * the version dbms.components() reports, and stops cleanly on SIGTERM, Ctrl-C or stdin EOF.
 */
public final class Neo4jServer {
    static final String READY = "aikg-neo4j ready:";
    static final String USER = "neo4j";
    static final String DATABASE = "neo4j";

    private Neo4jServer() {}

    record Options(int port, String password, Path home, boolean temporary, String pageCache,
                   boolean printEnv, boolean watchStdin) {}

    public static void main(String[] args) throws Exception {
        Options options = parse(args);
        Path conf = writeConfig(options);
        DatabaseManagementService service =
                new DatabaseManagementServiceBuilder(options.home()).loadPropertiesFromFile(conf).build();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(service, options), "aikg-neo4j-stop"));
        GraphDatabaseService system = service.database("system");
        system.executeTransactionally(
                "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
                Map.of("password", options.password()));
        GraphDatabaseService db = service.database(DATABASE);
        int port = ((GraphDatabaseAPI) db).getDependencyResolver()
                .resolveDependency(ConnectorPortRegister.class)
                .getLocalAddress(ConnectorType.BOLT).getPort();
        String uri = "bolt://127.0.0.1:" + port;
        String version = db.executeTransactionally(
                "CALL dbms.components() YIELD name, versions, edition "
                        + "RETURN 'Neo4j ' + versions[0] + ' ' + edition AS version",
                Map.of(), result -> (String) result.next().get("version"));
        System.out.println(READY + " " + version + " at " + uri);
        if (options.printEnv()) {
            System.out.println("export NEO4J_URI=" + uri + " NEO4J_USER=" + USER
                    + " NEO4J_PASSWORD='" + options.password() + "' NEO4J_DATABASE=" + DATABASE);
            System.out.println("(Ctrl-C or end of input stops it"
                    + (options.temporary() ? " and deletes its home " : "; data stays in ")
                    + options.home() + ")");
        }
        System.out.flush();
        if (options.watchStdin()) {
            waitForEndOfInput(System.in);
            System.exit(0);
        }
        Thread.currentThread().join();
    }

    private static void waitForEndOfInput(InputStream in) {
        byte[] buffer = new byte[256];
        try {
            while (in.read(buffer) >= 0) {
                // input is ignored; its end is the signal to stop
            }
        } catch (IOException e) {
            // a broken stdin means the parent is gone: stop as on EOF
        }
    }

    private static void stop(DatabaseManagementService service, Options options) {
        service.shutdown();
        if (options.temporary()) {
            deleteTree(options.home());
        }
        System.out.println("aikg-neo4j stopped");
        System.out.flush();
    }

    static Options parse(String[] args) throws IOException {
        int port = 0;
        String password = System.getenv("NEO4J_PASSWORD");
        Path home = null;
        String pageCache = "128m";
        boolean printEnv = false;
        boolean watchStdin = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(value(args, ++i));
                case "--password" -> password = value(args, ++i);
                case "--home" -> home = Paths.get(value(args, ++i)).toAbsolutePath();
                case "--page-cache" -> pageCache = value(args, ++i);
                case "--print-env" -> printEnv = true;
                case "--ignore-stdin" -> watchStdin = false;
                default -> usage("unknown option " + args[i]);
            }
        }
        if (password == null || password.isEmpty()) {
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        }
        if (password.length() < 8) {
            usage("the password must have at least 8 characters (Neo4j's minimum)");
        }
        boolean temporary = home == null;
        if (temporary) {
            home = Files.createTempDirectory("aikg-neo4j-");
        }
        return new Options(port, password, home, temporary, pageCache, printEnv, watchStdin);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            usage(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    private static void usage(String problem) {
        System.err.println("aikg-neo4j: " + problem);
        System.err.println("usage: neo4j-server [--port N] [--password P] [--home DIR]"
                + " [--page-cache SIZE] [--print-env] [--ignore-stdin]");
        System.exit(2);
    }

    /** neo4j.conf in the home: also what `neo4j-admin` reads there (NEO4J_CONF). */
    private static Path writeConfig(Options options) throws IOException {
        Path plugins = Files.createDirectories(options.home().resolve("plugins"));
        linkApoc(plugins);
        List<String> lines = new ArrayList<>(List.of(
                "server.bolt.enabled=true",
                "server.bolt.listen_address=127.0.0.1:" + options.port(),
                "server.bolt.advertised_address=127.0.0.1:" + options.port(),
                "server.http.enabled=false",
                "server.https.enabled=false",
                "dbms.security.auth_enabled=true",
                "server.memory.pagecache.size=" + options.pageCache(),
                "server.directories.plugins=" + plugins,
                "dbms.security.procedures.unrestricted=apoc.*",
                "db.logs.query.enabled=OFF",
                "dbms.usage_report.enabled=false",
                "db.tx_log.rotation.retention_policy=1 files",
                "db.tx_log.preallocate=false"));
        Path conf = Files.createDirectories(options.home().resolve("conf")).resolve("neo4j.conf");
        Files.write(conf, lines, StandardCharsets.UTF_8);
        return conf;
    }

    /** APOC procedures load from the plugins folder; its classes are on the classpath too. */
    private static void linkApoc(Path plugins) throws IOException {
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path jar = Paths.get(entry);
            String name = jar.getFileName().toString();
            if (name.startsWith("apoc-core-") && name.endsWith(".jar")) {
                Path link = plugins.resolve(name);
                if (!Files.exists(link)) {
                    Files.copy(jar, link);
                }
                return;
            }
        }
        throw new IllegalStateException("apoc-core is not on the classpath");
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            System.err.println("aikg-neo4j: could not delete " + root + ": " + e.getMessage());
        }
    }
}
