package io.rocklet.mq.examples;

import io.rocklet.mq.api.Clients;
import io.rocklet.mq.api.ConsumeResult;
import io.rocklet.mq.api.GroupBacklog;
import io.rocklet.mq.api.Message;
import io.rocklet.mq.api.Producer;
import io.rocklet.mq.api.PushConsumer;
import io.rocklet.mq.broker.EmbeddedBroker;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The same application code in-process and over the network: only the endpoint changes. Here the
 * network peer is the embedded broker's own TCP endpoint; an Apache RocketMQ cluster's name
 * servers work the same way ({@code rocketmq://10.0.0.1:9876;10.0.0.2:9876}).
 */
public final class OverTheNetwork {
    public static void main(String[] args) throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.builder().name("network-demo").tcp().build().start()) {
            broker.admin().createTopic("Orders", 4);
            run("inproc://network-demo");
            run("rocketmq://" + broker.nameServerAddress());
        }
    }

    /** The application: a consumer, ten orders, and the group's backlog afterwards. */
    private static void run(String endpoint) throws InterruptedException {
        String group = "billing-" + endpoint.substring(0, endpoint.indexOf(':'));
        CountDownLatch paid = new CountDownLatch(10);
        try (Clients clients = Clients.connect(endpoint);
             PushConsumer ignored = clients.pushConsumer().group(group).subscribe("Orders", "*")
                     .listener(message -> {
                         paid.countDown();
                         return ConsumeResult.SUCCESS;
                     }).build()) {
            Producer producer = clients.producer().group("shop").build();
            long start = System.nanoTime();
            for (int i = 0; i < 10; i++) {
                producer.send(Message.builder("Orders").keys("order-" + i).body("order " + i).build());
            }
            boolean all = paid.await(10, TimeUnit.SECONDS);
            GroupBacklog backlog = clients.backlog(group, "Orders");
            System.out.printf("%-28s all 10 consumed: %s in %.1f ms; group %s lag now %d%n", endpoint, all,
                    (System.nanoTime() - start) / 1e6, group, backlog.lag());
        }
    }
}
