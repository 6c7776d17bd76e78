package fr.ecole.lending.db;

import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.jdbi3.JdbiFactory;
import io.dropwizard.util.Duration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.spi.JdbiPlugin;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The service's access to its database: {@link #write} for a transaction that changes something,
 * {@link #read} for one that only reads.
 *
 * <p>On SQLite every write goes through one connection, kept open: SQLite admits one writer at a
 * time anyway, and queueing for it keeps latency flat where competing for the file lock would
 * surface {@code SQLITE_BUSY}; the writes queued for it share one durable commit (see {@link SingleWriter}).
 * Readers get a pool of their own, which WAL lets run beside the writer.
 *
 * <p>On PostgreSQL, where several instances may share the database, writes take a pool of their own
 * whose transactions are serializable (see {@link SerializableWrites}); reads run at repeatable read.
 */
public final class Database {
    /**
     * The writer keeps its prepared statements from one write to the next (the pool's statement
     * cache): preparing each statement again cost SQLite more than running it, a fifth of a check-out.
     */
    private static final String WRITER_STATEMENT_CACHE = "StatementCache(prepared=true,callable=false,max=500)";
    /** How long a write waits for its turn (then 503), and the writer for its connection. */
    private static final Duration WRITE_WAIT = Duration.seconds(30);
    private final Engine engine;
    /** SQLite's one writer; null on PostgreSQL. */
    private final SingleWriter writer;
    /** PostgreSQL's pool of writers; null on SQLite. */
    private final SerializableWrites writes;
    private final Jdbi reader;
    /** Handles kept open over the readers' connections, all but three: those stay for the health check and exports. */
    private final HandlePool reads;

    private Database(Engine engine, SingleWriter writer, SerializableWrites writes, Jdbi reader, HandlePool reads) {
        this.engine = engine;
        this.writer = writer;
        this.writes = writes;
        this.reader = reader;
        this.reads = reads;
    }

    /**
     * The database {@code factory} describes, whose connections {@code schema} prepares: the SQL
     * objects and typed values of the features, which the composition root knows.
     */
    public static Database build(Environment environment, DataSourceFactory factory, JdbiPlugin schema) {
        Engine engine = prepare(factory);
        if (engine == Engine.POSTGRESQL) {
            // the reads of one request (a report's several queries) see one snapshot, and never fail for
            // a writer's sake as serializable reads may
            factory.setDefaultTransactionIsolation(DataSourceFactory.TransactionIsolation.REPEATABLE_READ);
        }
        Jdbi reader = pool(environment, factory, "database-read", schema);
        HandlePool reads = new HandlePool(reader, Math.max(1, factory.getMaxSize() - 3), WRITE_WAIT.toJavaDuration());
        // stopped before the connection pool its handles hold, which was registered first
        environment.lifecycle().manage(reads);
        if (engine == Engine.POSTGRESQL) {
            return new Database(engine, null, postgresqlWrites(environment, factory, schema), reader, reads);
        }
        // The writer is the configured factory with IMMEDIATE transactions (a read-then-write
        // transaction opened DEFERRED fails at once with SQLITE_BUSY), a statement cache, and two
        // connections: the one the writer keeps, and one for the health check. The factory is put back as configured
        // afterwards, so that it keeps describing the readers.
        int minSize = factory.getMinSize();
        int initialSize = factory.getInitialSize();
        int maxSize = factory.getMaxSize();
        Duration maxWait = factory.getMaxWaitForConnection();
        boolean checkOnBorrow = factory.getCheckConnectionOnBorrow();
        boolean rollbackOnReturn = factory.getRollbackOnReturn();
        Optional<String> interceptors = factory.getJdbcInterceptors();
        factory.getProperties().put("transaction_mode", "IMMEDIATE");
        factory.setJdbcInterceptors(Optional.of(interceptors.filter(configured -> !configured.isBlank())
                .map(configured -> configured + ";").orElse("") + WRITER_STATEMENT_CACHE));
        factory.setMinSize(1);
        factory.setInitialSize(1);
        factory.setMaxSize(2);
        factory.setMaxWaitForConnection(WRITE_WAIT);
        // the writer gives its connection back only when something went wrong with it
        factory.setCheckConnectionOnBorrow(true);
        factory.setRollbackOnReturn(true);
        try {
            Jdbi writes = pool(environment, factory, "database-write", schema);
            // the cache gives a statement back as its last user left it: rows of a batch that failed half-way
            // would go out with the next batch of the same SQL
            writes.addCustomizer(new StatementCustomizer() {
                @Override
                public void beforeBinding(PreparedStatement statement, StatementContext context) throws SQLException {
                    statement.clearBatch();
                }
            });
            SingleWriter writer = new SingleWriter(writes, WRITE_WAIT.toJavaDuration(),
                    environment.metrics().histogram("database-writer.writes-per-commit"));
            // stopped before the connection pool it borrows from, which was registered first
            environment.lifecycle().manage(writer);
            environment.healthChecks().register("database-writer", new WriterHealthCheck(writer));
            return new Database(engine, writer, null, reader, reads);
        } finally {
            factory.getProperties().put("transaction_mode", "DEFERRED");
            factory.setMinSize(minSize);
            factory.setInitialSize(initialSize);
            factory.setMaxSize(maxSize);
            factory.setMaxWaitForConnection(maxWait);
            factory.setCheckConnectionOnBorrow(checkOnBorrow);
            factory.setRollbackOnReturn(rollbackOnReturn);
            factory.setJdbcInterceptors(interceptors);
        }
    }

    /** A pool of connections as {@code factory} describes it now, named for the metrics and health checks. */
    private static Jdbi pool(Environment environment, DataSourceFactory factory, String name,
                             JdbiPlugin schema) {
        return configure(new JdbiFactory().build(environment, factory, factory.build(environment.metrics(), name), name),
                schema);
    }

    /** A pool of its own, as large as the readers', whose transactions are serializable. */
    private static SerializableWrites postgresqlWrites(Environment environment, DataSourceFactory factory,
                                                       JdbiPlugin schema) {
        DataSourceFactory.TransactionIsolation isolation = factory.getDefaultTransactionIsolation();
        factory.setDefaultTransactionIsolation(DataSourceFactory.TransactionIsolation.SERIALIZABLE);
        try {
            // one connection stays for the pool's health check, which opens its own
            HandlePool handles = new HandlePool(pool(environment, factory, "database-write", schema),
                    Math.max(1, factory.getMaxSize() - 1), WRITE_WAIT.toJavaDuration());
            environment.lifecycle().manage(handles);
            return new SerializableWrites(handles, WRITE_WAIT.toJavaDuration());
        } finally {
            factory.setDefaultTransactionIsolation(isolation);
        }
    }

    /**
     * Settings every connection needs, whoever opens it (the server, {@code db migrate}): the folder
     * of a SQLite file, and SQLite's pragmas (WAL, durable commits, foreign keys, busy timeout).
     */
    public static Engine prepare(DataSourceFactory factory) {
        Engine engine = Engine.of(factory.getUrl());
        // Dropwizard prefixes statements with a comment, after which sqlite-jdbc returns no generated keys
        factory.setAutoCommentsEnabled(false);
        if (engine == Engine.SQLITE) {
            createParentFolder(factory.getUrl());
            Map<String, String> pragmas = factory.getProperties();
            pragmas.putIfAbsent("journal_mode", "WAL");
            pragmas.putIfAbsent("synchronous", "FULL");
            pragmas.putIfAbsent("foreign_keys", "true");
            pragmas.putIfAbsent("busy_timeout", "10000");
            // readers take a snapshot and never the write lock
            pragmas.put("transaction_mode", "DEFERRED");
        }
        return engine;
    }

    static Jdbi configure(Jdbi jdbi, JdbiPlugin schema) {
        jdbi.registerArgument(new EnumNames());
        jdbi.registerArgument(new TimeArguments.InstantArgumentFactory());
        jdbi.registerArgument(new TimeArguments.LocalDateArgumentFactory());
        jdbi.registerColumnMapper(new TimeArguments.InstantColumnMapper());
        jdbi.registerColumnMapper(new TimeArguments.LocalDateColumnMapper());
        jdbi.installPlugin(schema);
        return jdbi;
    }

    public Engine engine() {
        return engine;
    }

    /** Runs {@code work} in one transaction that may write: all of it commits, or none. */
    public <T> T write(HandleCallback<T, RuntimeException> work) {
        return writer != null ? writer.inTransaction(work) : writes.inTransaction(work);
    }

    /**
     * Runs {@code work} in one transaction that may write and that locks itself, on PostgreSQL, every
     * row whose change could break a rule it checks ({@code SELECT … FOR UPDATE}, in a fixed order):
     * there at READ COMMITTED, so that only the transactions locking the same rows wait for each other
     * and none is rolled back and run again for another's sake, as serializable ones are under load.
     * What the rows' locks do not cover must be kept by the schema (unique indexes). On SQLite the one
     * writer runs it, as {@link #write}.
     */
    public <T> T writeLockingRows(HandleCallback<T, RuntimeException> work) {
        return writer != null ? writer.inTransaction(work)
                : writes.inTransaction(org.jdbi.v3.core.transaction.TransactionIsolationLevel.READ_COMMITTED, work);
    }

    /** Runs {@code work} on a consistent snapshot, without taking the writer. */
    public <T> T read(HandleCallback<T, RuntimeException> work) {
        return reads.inTransaction(work);
    }

    /**
     * A read connection of its own for long streaming reads (an export), which opens its own read
     * transaction: on SQLite in WAL it runs beside the writer and never holds up lending; on
     * PostgreSQL the transaction lets the driver read by batches. The caller closes it.
     */
    public Handle openReader() {
        return reader.open();
    }

    /**
     * Runs {@code attempt} (a write transaction), and once more when a unique index refused its row: another
     * request committed the same row first (the same device lent, returned or handed at the same moment, a
     * retried request), and the second run finds it and answers as the second request.
     */
    public static <T> T onceMoreAfterConflict(Supplier<T> attempt) {
        try {
            return attempt.get();
        } catch (JdbiException e) {
            if (!isUniqueViolation(e)) {
                throw e;
            }
            return attempt.get();
        }
    }

    /** True when {@code e} comes from a unique constraint or unique index refusing a row. */
    public static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLiteException sqlite) {
                SQLiteErrorCode code = sqlite.getResultCode();
                return code == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE
                        || code == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY;
            }
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The file of a SQLite URL ({@code jdbc:sqlite:data/lending.db}, {@code jdbc:sqlite:file:...?mode=...}),
     * or empty for an in-memory database.
     */
    public static Optional<Path> sqliteFile(String url) {
        String path = url.substring("jdbc:sqlite:".length());
        if (path.startsWith("file:")) {
            path = path.substring("file:".length());
        }
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        if (path.isEmpty() || path.startsWith(":memory:")) {
            return Optional.empty();
        }
        return Optional.of(Path.of(path));
    }

    private static void createParentFolder(String url) {
        Optional<Path> file = sqliteFile(url);
        if (file.isEmpty()) {
            return;
        }
        Path parent = file.get().toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the database folder " + parent, e);
        }
    }
}
