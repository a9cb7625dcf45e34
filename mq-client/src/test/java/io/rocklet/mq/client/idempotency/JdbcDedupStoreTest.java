package io.rocklet.mq.client.idempotency;

import io.rocklet.mq.api.InvalidConfigurationException;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static io.rocklet.mq.client.idempotency.BeginResult.ALREADY_CONSUMED;
import static io.rocklet.mq.client.idempotency.BeginResult.BEGUN;
import static io.rocklet.mq.client.idempotency.BeginResult.IN_PROGRESS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JdbcDedupStoreTest extends DedupStoreContract {
    private static final AtomicInteger NEXT_DATABASE = new AtomicInteger();

    private final JdbcDataSource dataSource = h2();
    private final JdbcDedupStore store = createdStore(dataSource, JdbcDedupStore.DEFAULT_TABLE);

    @Override
    DedupStore store() {
        return store;
    }

    private static JdbcDataSource h2() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:dedup-" + NEXT_DATABASE.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
        return ds;
    }

    private JdbcDedupStore createdStore(DataSource ds, String table) {
        JdbcDedupStore s = new JdbcDedupStore(ds, table, clock);
        s.createTableIfMissing();
        return s;
    }

    private long rows(String table) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void createTableIfMissingCanRunAgain() {
        store.tryBegin(NS, "order-1", LEASE);
        store.createTableIfMissing();
        assertThat(store.tryBegin(NS, "order-1", LEASE)).isEqualTo(IN_PROGRESS);
    }

    @Test
    void twoStoresOnOneDatabaseShareTheirRecordsLikeTwoProcesses() {
        JdbcDedupStore otherProcess = new JdbcDedupStore(dataSource, JdbcDedupStore.DEFAULT_TABLE, clock);
        assertThat(store.tryBegin(NS, "order-1", LEASE)).isEqualTo(BEGUN);
        assertThat(otherProcess.tryBegin(NS, "order-1", LEASE)).isEqualTo(IN_PROGRESS);
        store.markConsumed(NS, "order-1", RETENTION);
        assertThat(otherProcess.tryBegin(NS, "order-1", LEASE)).isEqualTo(ALREADY_CONSUMED);
    }

    @Test
    void purgeExpiredDeletesOnlyRecordsWhoseLeaseOrRetentionEnded() throws SQLException {
        store.tryBegin(NS, "dead-lease", LEASE);
        store.tryBegin(NS, "short", LEASE);
        store.markConsumed(NS, "short", Duration.ofSeconds(30));
        store.tryBegin(NS, "long", LEASE);
        store.markConsumed(NS, "long", RETENTION);
        clock.advance(LEASE);
        store.tryBegin(NS, "live-lease", LEASE);

        assertThat(store.purgeExpired()).isEqualTo(2);
        assertThat(rows(JdbcDedupStore.DEFAULT_TABLE)).isEqualTo(2);
        assertThat(store.tryBegin(NS, "long", LEASE)).isEqualTo(ALREADY_CONSUMED);
        assertThat(store.tryBegin(NS, "live-lease", LEASE)).isEqualTo(IN_PROGRESS);
    }

    @Test
    void markConsumedRecreatesARecordPurgedAfterItsLeaseEnded() {
        store.tryBegin(NS, "slow", LEASE);
        clock.advance(LEASE);
        assertThat(store.purgeExpired()).isEqualTo(1);
        store.markConsumed(NS, "slow", RETENTION);
        assertThat(store.tryBegin(NS, "slow", LEASE)).isEqualTo(ALREADY_CONSUMED);
    }

    @Test
    void usesTheConfiguredSchemaQualifiedTable() throws SQLException {
        JdbcDedupStore custom = createdStore(dataSource, "PUBLIC.order_dedup");
        custom.tryBegin(NS, "order-1", LEASE);
        assertThat(rows("PUBLIC.order_dedup")).isEqualTo(1);
        assertThat(rows(JdbcDedupStore.DEFAULT_TABLE)).isZero();
    }

    @Test
    void aTableNameThatIsNotAnIdentifierIsRejected() {
        assertThatThrownBy(() -> new JdbcDedupStore(dataSource, "dedup; DROP TABLE orders"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("dedup; DROP TABLE orders");
    }

    @Test
    void aKeyLongerThanTheColumnIsRejectedWithTheKey() {
        String key = "k".repeat(JdbcDedupStore.MAX_KEY_LENGTH + 1);
        assertThatThrownBy(() -> store.tryBegin(NS, key, LEASE))
                .isInstanceOf(DedupStoreException.class).hasMessageContaining(key);
        assertThat(store.tryBegin(NS, "k".repeat(JdbcDedupStore.MAX_KEY_LENGTH), LEASE)).isEqualTo(BEGUN);
    }

    @Test
    void aMissingTableIsReportedAsADedupStoreException() {
        JdbcDedupStore noTable = new JdbcDedupStore(dataSource, "never_created", clock);
        assertThatThrownBy(() -> noTable.tryBegin(NS, "order-1", LEASE))
                .isInstanceOf(DedupStoreException.class)
                .hasMessageContaining("never_created")
                .hasCauseInstanceOf(SQLException.class);
    }

    @Test
    void claimsCommitAtOnceEvenOnConnectionsHandedOutWithoutAutoCommit() {
        JdbcDedupStore onTransactions = new JdbcDedupStore(withoutAutoCommit(dataSource), JdbcDedupStore.DEFAULT_TABLE, clock);
        assertThat(onTransactions.tryBegin(NS, "order-1", LEASE)).isEqualTo(BEGUN);
        assertThat(onTransactions.tryBegin(NS, "order-1", LEASE)).isEqualTo(IN_PROGRESS);
        onTransactions.markConsumed(NS, "order-1", RETENTION);
        assertThat(store.tryBegin(NS, "order-1", LEASE)).as("seen through another connection").isEqualTo(ALREADY_CONSUMED);
    }

    /** A data source whose connections start with auto-commit off, as some pools are configured. */
    private static DataSource withoutAutoCommit(DataSource target) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[]{DataSource.class},
                (proxy, method, args) -> {
                    try {
                        Object result = method.invoke(target, args);
                        if (result instanceof Connection c) {
                            c.setAutoCommit(false);
                        }
                        return result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
