package io.rocklet.mq.examples;

import io.rocklet.mq.api.Clients;
import io.rocklet.mq.api.ConsumeResult;
import io.rocklet.mq.api.Message;
import io.rocklet.mq.api.PushConsumer;
import io.rocklet.mq.api.TransactionProducer;
import io.rocklet.mq.api.TransactionResolution;
import io.rocklet.mq.api.TransactionResult;
import io.rocklet.mq.broker.EmbeddedBroker;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A transactional message keeps a database write and a message consistent: the order service
 * inserts the order row and commits the "order placed" message only if its database transaction
 * commits; the points service (a consumer) then credits points. An order that fails rolls the
 * message back; one whose outcome is unknown (a crash between the two) is resolved by the broker's
 * check, which looks the order row up.
 */
public final class OrderAndPoints {
    private static final String DB = "jdbc:h2:mem:orders;DB_CLOSE_DELAY=-1";

    public static void main(String[] args) throws Exception {
        try (Connection setup = DriverManager.getConnection(DB)) {
            setup.createStatement().execute("CREATE TABLE orders (id VARCHAR(32) PRIMARY KEY, amount INT)");
        }
        try (EmbeddedBroker broker = EmbeddedBroker.builder().name("tx-demo")
                .transactionCheckImmunity(Duration.ofMillis(500)).transactionCheckInterval(Duration.ofMillis(500))
                .build().start();
             Clients clients = broker.clients()) {
            Map<String, Integer> points = new ConcurrentHashMap<>();
            PushConsumer pointsService = clients.pushConsumer().group("points-service").subscribe("OrderPlaced", "*")
                    .listener(m -> {
                        points.merge(m.keys().get(0), Integer.parseInt(m.bodyAsString()) / 10, Integer::sum);
                        System.out.println("points service: credited points for " + m.keys().get(0));
                        return ConsumeResult.SUCCESS;
                    }).build();
            TransactionProducer orders = clients.transactionProducer().group("order-service")
                    .checker(half -> orderExists(half.keys().get(0)) ? TransactionResolution.COMMIT : TransactionResolution.ROLLBACK)
                    .build();

            place(orders, "order-1", 250, false);   // commits
            place(orders, "order-2", -5, false);    // the insert fails: rolled back
            place(orders, "order-3", 120, true);    // the row commits but the producer "crashes" before telling: checked

            for (int i = 0; i < 40 && points.size() < 2; i++) {
                Thread.sleep(100); // a demo waits; tests use Awaitility
            }
            System.out.println("points: " + points + " (order-2 was never placed, so it has none)");
            pointsService.close();
        }
    }

    private static void place(TransactionProducer producer, String orderId, int amount, boolean crashBeforeAnswer) {
        Message message = Message.builder("OrderPlaced").keys(orderId).body(Integer.toString(amount)).build();
        TransactionResult result = producer.send(message, (m, arg) -> {
            try (Connection db = DriverManager.getConnection(DB)) {
                db.setAutoCommit(false);
                if (amount <= 0) {
                    db.rollback();
                    return TransactionResolution.ROLLBACK;
                }
                try (PreparedStatement insert = db.prepareStatement("INSERT INTO orders VALUES (?, ?)")) {
                    insert.setString(1, orderId);
                    insert.setInt(2, amount);
                    insert.executeUpdate();
                }
                db.commit();
                return crashBeforeAnswer ? TransactionResolution.UNKNOWN : TransactionResolution.COMMIT;
            } catch (SQLException e) {
                return TransactionResolution.ROLLBACK;
            }
        }, null);
        System.out.println("order service: " + orderId + " -> " + result.resolution());
    }

    private static boolean orderExists(String orderId) {
        try (Connection db = DriverManager.getConnection(DB);
             PreparedStatement query = db.prepareStatement("SELECT 1 FROM orders WHERE id = ?")) {
            query.setString(1, orderId);
            try (ResultSet row = query.executeQuery()) {
                boolean exists = row.next();
                System.out.println("broker check: " + orderId + (exists ? " is in the database: commit" : " is not: roll back"));
                return exists;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("order table not reachable", e);
        }
    }
}
