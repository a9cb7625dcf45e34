package io.rocklet.mq.client.idempotency;

import io.rocklet.mq.api.InvalidConfigurationException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;

/**
 * A {@link DedupStore} in one database table, shared by every process that uses the same
 * {@link DataSource}: the store for a consumer group running in several JVMs, or for duplicates
 * that may arrive across a restart. The SQL is portable (H2, MySQL 5.7+/8, PostgreSQL 9.5+); see
 * {@link #createTableIfMissing()} for the table.
 *
 * <p>{@link #tryBegin} INSERTs a CONSUMING record; the primary key {@code (namespace, msg_key)}
 * lets exactly one of concurrent inserts win. On a duplicate key it UPDATEs the record to
 * CONSUMING only if its {@code expire_at} has passed (a dead lease, or a retention that ended and
 * was not purged yet), which again only one updater can do. Otherwise it reads the status. Each
 * statement runs in its own transaction (auto-commit), so a failed INSERT never spoils a caller's
 * transaction.
 *
 * <p>Expiry is judged by this process's clock, written as epoch millis: keep the clocks of the
 * processes sharing a table synchronized (NTP) to well within the lease.
 *
 * <p>Rows whose retention ended stay in the table, ignored, until {@link #purgeExpired()} deletes
 * them: call it periodically (hourly, say) from a scheduler of the application's own; this class
 * starts no thread.
 *
 * <p>Thread-safe: it holds no state besides the data source, and takes one connection per call,
 * for one to three statements. Calls block for those round trips. Database errors, and a namespace
 * or key longer than the column ({@value #MAX_NAMESPACE_LENGTH} / {@value #MAX_KEY_LENGTH}
 * characters), are thrown as {@link DedupStoreException}.
 */
public final class JdbcDedupStore implements DedupStore {
    public static final String DEFAULT_TABLE = "rocklet_dedup";
    public static final int MAX_NAMESPACE_LENGTH = DedupTable.MAX_NAMESPACE_LENGTH;
    public static final int MAX_KEY_LENGTH = DedupTable.MAX_KEY_LENGTH;

    /**
     * Insert / take over / read rounds before a claim gives up as IN_PROGRESS: a record can vanish
     * between two statements (abandoned or purged), but not for ever.
     */
    private static final int ROUNDS = 3;

    private final DataSource dataSource;
    private final DedupTable table;
    private final Clock clock;

    /** A store in table {@value #DEFAULT_TABLE}, on the system clock. */
    public JdbcDedupStore(DataSource dataSource) {
        this(dataSource, DEFAULT_TABLE);
    }

    /** A store in {@code table} (a plain or schema-qualified SQL identifier), on the system clock. */
    public JdbcDedupStore(DataSource dataSource, String table) {
        this(dataSource, table, Clock.systemUTC());
    }

    /**
     * A store in {@code table} whose leases and retentions are measured on {@code clock}.
     *
     * @throws InvalidConfigurationException if the data source or clock is null, or the table name
     *                                       is not an SQL identifier
     */
    public JdbcDedupStore(DataSource dataSource, String table, Clock clock) {
        if (dataSource == null || clock == null) {
            throw new InvalidConfigurationException("dataSource and clock must not be null: " + dataSource + ", " + clock);
        }
        this.dataSource = dataSource;
        this.table = new DedupTable(table);
        this.clock = clock;
    }

    /** The table's name. */
    public String table() {
        return table.name;
    }

    /**
     * Creates the table unless it exists ({@code CREATE TABLE IF NOT EXISTS}):
     * <pre>{@code
     * CREATE TABLE IF NOT EXISTS rocklet_dedup (
     *     namespace VARCHAR(128) NOT NULL,
     *     msg_key   VARCHAR(255) NOT NULL,
     *     status    VARCHAR(16)  NOT NULL,
     *     expire_at BIGINT       NOT NULL,
     *     PRIMARY KEY (namespace, msg_key))
     * }</pre>
     * Blocks for one statement. Where schemas are managed by migrations, create it there instead.
     *
     * @throws DedupStoreException if the statement fails
     */
    public void createTableIfMissing() {
        inConnection("create table", c -> {
            try (Statement s = c.createStatement()) {
                s.execute(table.createTable);
            }
            return null;
        });
    }

    /**
     * Deletes the rows whose lease or retention has ended. Blocks for one statement.
     *
     * @return the number of rows deleted
     * @throws DedupStoreException if the statement fails
     */
    public int purgeExpired() {
        long now = clock.millis();
        return inConnection("purge expired", c -> {
            try (PreparedStatement ps = c.prepareStatement(table.purgeExpired)) {
                ps.setLong(1, now);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public BeginResult tryBegin(String namespace, String key, Duration lease) {
        checkLengths(namespace, key);
        long now = clock.millis();
        long expireAt = Expiry.at(now, lease);
        return inConnection("tryBegin " + namespace + "/" + key, c -> claim(c, namespace, key, now, expireAt));
    }

    private BeginResult claim(Connection c, String namespace, String key, long now, long expireAt) throws SQLException {
        for (int round = 0; round < ROUNDS; round++) {
            if (insert(c, namespace, key, DedupTable.CONSUMING, expireAt)) {
                return BeginResult.BEGUN;
            }
            if (takeOverExpired(c, namespace, key, now, expireAt)) {
                return BeginResult.BEGUN;
            }
            String status = status(c, namespace, key);
            if (DedupTable.CONSUMED.equals(status)) {
                return BeginResult.ALREADY_CONSUMED;
            }
            if (DedupTable.CONSUMING.equals(status)) {
                return BeginResult.IN_PROGRESS;
            }
            if (status != null) {
                throw new SQLException("unknown status '" + status + "' in " + table.name);
            }
            // the record vanished between the statements: claim again
        }
        return BeginResult.IN_PROGRESS; // it keeps changing under us; the delivery comes back later
    }

    @Override
    public void markConsumed(String namespace, String key, Duration retention) {
        checkLengths(namespace, key);
        long expireAt = Expiry.at(clock.millis(), retention);
        inConnection("markConsumed " + namespace + "/" + key, c -> {
            for (int round = 0; round < ROUNDS; round++) {
                // Normally the CONSUMING record is there; if it expired and was purged, create it.
                if (setConsumed(c, namespace, key, expireAt)
                        || insert(c, namespace, key, DedupTable.CONSUMED, expireAt)) {
                    return null;
                }
            }
            throw new SQLException("the record kept changing under " + ROUNDS + " attempts");
        });
    }

    @Override
    public void abandon(String namespace, String key) {
        checkLengths(namespace, key);
        inConnection("abandon " + namespace + "/" + key, c -> {
            try (PreparedStatement ps = c.prepareStatement(table.abandon)) {
                ps.setString(1, namespace);
                ps.setString(2, key);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** True if inserted, false if the record exists. */
    private boolean insert(Connection c, String namespace, String key, String status, long expireAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(table.insert)) {
            ps.setString(1, namespace);
            ps.setString(2, key);
            ps.setString(3, status);
            ps.setLong(4, expireAt);
            ps.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    /** True if the record's lease or retention had ended and it is now CONSUMING until {@code expireAt}. */
    private boolean takeOverExpired(Connection c, String namespace, String key, long now, long expireAt)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(table.takeOverExpired)) {
            ps.setLong(1, expireAt);
            ps.setString(2, namespace);
            ps.setString(3, key);
            ps.setLong(4, now);
            return ps.executeUpdate() == 1;
        }
    }

    /** True if the record existed and is now CONSUMED until {@code expireAt}. */
    private boolean setConsumed(Connection c, String namespace, String key, long expireAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(table.markConsumed)) {
            ps.setLong(1, expireAt);
            ps.setString(2, namespace);
            ps.setString(3, key);
            return ps.executeUpdate() == 1;
        }
    }

    private String status(Connection c, String namespace, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(table.selectStatus)) {
            ps.setString(1, namespace);
            ps.setString(2, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /**
     * Integrity-constraint violations are SQLState class 23 in every driver (H2 and PostgreSQL
     * 23505, MySQL 23000); only the primary key can be violated here, as no value is ever null.
     */
    static boolean isDuplicateKey(SQLException e) {
        String state = e.getSQLState();
        return e instanceof SQLIntegrityConstraintViolationException || (state != null && state.startsWith("23"));
    }

    private static void checkLengths(String namespace, String key) {
        if (namespace.length() > MAX_NAMESPACE_LENGTH) {
            throw new DedupStoreException("namespace longer than " + MAX_NAMESPACE_LENGTH + " characters: " + namespace);
        }
        if (key.length() > MAX_KEY_LENGTH) {
            throw new DedupStoreException("key longer than " + MAX_KEY_LENGTH + " characters: " + key);
        }
    }

    private <T> T inConnection(String what, SqlWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            // Each statement must commit on its own: a rejected INSERT would abort a PostgreSQL
            // transaction, and a claim must be visible to other processes at once.
            boolean autoCommit = c.getAutoCommit();
            if (!autoCommit) {
                c.setAutoCommit(true);
            }
            try {
                return work.run(c);
            } finally {
                if (!autoCommit) {
                    c.setAutoCommit(false);
                }
            }
        } catch (SQLException e) {
            throw new DedupStoreException(table.name + ": " + what + " failed: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }
}
