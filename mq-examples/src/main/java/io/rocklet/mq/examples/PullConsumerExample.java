package io.rocklet.mq.examples;

import io.rocklet.mq.api.Clients;
import io.rocklet.mq.api.Message;
import io.rocklet.mq.api.MessageQueue;
import io.rocklet.mq.api.MessageView;
import io.rocklet.mq.api.Producer;
import io.rocklet.mq.api.PullConsumer;
import io.rocklet.mq.broker.EmbeddedBroker;

import java.time.Duration;
import java.util.List;

/** A pull consumer: assign a queue, poll, commit, seek back and read again. */
public final class PullConsumerExample {
    public static void main(String[] args) {
        try (EmbeddedBroker broker = EmbeddedBroker.builder().name("pull-demo").build().start();
             Clients clients = broker.clients()) {
            broker.admin().createTopic("Jobs", 1);
            Producer producer = clients.producer().build();
            for (int i = 0; i < 5; i++) {
                producer.send(Message.of("Jobs", "job " + i));
            }
            try (PullConsumer consumer = clients.pullConsumer().group("workers").autoCommitInterval(null).build()) {
                MessageQueue queue = consumer.queues("Jobs").get(0);
                consumer.assign(List.of(queue));
                for (MessageView m : consumer.poll(Duration.ofSeconds(1))) {
                    System.out.println("polled " + m.queueOffset() + ": " + m.bodyAsString());
                }
                consumer.commitSync();
                System.out.println("committed offset: " + consumer.committed(queue));
                consumer.seek(queue, 3);
                for (MessageView m : consumer.poll(Duration.ofSeconds(1))) {
                    System.out.println("after seek(3), polled " + m.queueOffset() + ": " + m.bodyAsString());
                }
            }
        }
    }
}
