package io.rocklet.mq.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How {@link RockletExtension} starts the test class's broker. Without it: one in-process broker
 * per class.
 *
 * <pre>{@code
 * @RockletBroker(tcp = true, nameServerProperty = "rocketmq.name-server")
 * class OrderServiceTest {
 *     @Test void sends(NameServer nameServer) {
 *         DefaultMQProducer producer = new DefaultMQProducer("orders");
 *         producer.setNamesrvAddr(nameServer.address());
 *         ...
 *     }
 * }
 * }</pre>
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Inherited
@org.junit.jupiter.api.extension.ExtendWith(RockletExtension.class)
public @interface RockletBroker {
    /** Also open a loopback TCP endpoint speaking RocketMQ's remoting protocol (official clients, rocketmq-spring). */
    boolean tcp() default false;

    /** A fresh broker for every test method instead of one per class. */
    boolean perTest() default false;

    /**
     * A system property set to the name-server address while the broker runs (e.g.
     * {@code rocketmq.name-server} for rocketmq-spring); empty for none. Needs {@link #tcp()}.
     */
    String nameServerProperty() default "";
}
