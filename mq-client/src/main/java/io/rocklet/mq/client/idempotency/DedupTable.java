package io.rocklet.mq.client.idempotency;

import io.rocklet.mq.api.InvalidConfigurationException;

import java.util.regex.Pattern;

/**
 * The dedup table's layout and every statement on it, in SQL that H2, MySQL and PostgreSQL all
 * accept. Nothing else in {@link JdbcDedupStore} names a column.
 *
 * <pre>
 *   namespace  VARCHAR(128)  part of the primary key: the consumer group (or another namespace)
 *   msg_key    VARCHAR(255)  part of the primary key: the business key
 *   status     VARCHAR(16)   'CONSUMING' or 'CONSUMED'
 *   expire_at  BIGINT        epoch millis: end of the lease (CONSUMING) or retention (CONSUMED)
 * </pre>
 */
final class DedupTable {
    static final int MAX_NAMESPACE_LENGTH = 128;
    static final int MAX_KEY_LENGTH = 255;
    static final String CONSUMING = "CONSUMING";
    static final String CONSUMED = "CONSUMED";

    /** A plain or schema-qualified identifier: the name is put into SQL text, so nothing else is let in. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");

    final String name;
    final String createTable;
    /** (namespace, msg_key, status, expire_at); fails with a duplicate-key error if the record exists. */
    final String insert;
    /** (newExpireAt, namespace, msg_key, now): claims a record whose lease or retention ended. */
    final String takeOverExpired;
    /** (namespace, msg_key) → status. */
    final String selectStatus;
    /** (expireAt, namespace, msg_key). */
    final String markConsumed;
    /** (namespace, msg_key): removes a CONSUMING record only. */
    final String abandon;
    /** (now). */
    final String purgeExpired;

    DedupTable(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidConfigurationException("dedup table name must be an SQL identifier (schema.table allowed): " + name);
        }
        this.name = name;
        this.createTable = "CREATE TABLE IF NOT EXISTS " + name + " ("
                + "namespace VARCHAR(" + MAX_NAMESPACE_LENGTH + ") NOT NULL, "
                + "msg_key VARCHAR(" + MAX_KEY_LENGTH + ") NOT NULL, "
                + "status VARCHAR(16) NOT NULL, "
                + "expire_at BIGINT NOT NULL, "
                + "PRIMARY KEY (namespace, msg_key))";
        this.insert = "INSERT INTO " + name + " (namespace, msg_key, status, expire_at) VALUES (?, ?, ?, ?)";
        this.takeOverExpired = "UPDATE " + name + " SET status = '" + CONSUMING + "', expire_at = ?"
                + " WHERE namespace = ? AND msg_key = ? AND expire_at <= ?";
        this.selectStatus = "SELECT status FROM " + name + " WHERE namespace = ? AND msg_key = ?";
        this.markConsumed = "UPDATE " + name + " SET status = '" + CONSUMED + "', expire_at = ?"
                + " WHERE namespace = ? AND msg_key = ?";
        this.abandon = "DELETE FROM " + name + " WHERE namespace = ? AND msg_key = ? AND status = '" + CONSUMING + "'";
        this.purgeExpired = "DELETE FROM " + name + " WHERE expire_at <= ?";
    }
}
