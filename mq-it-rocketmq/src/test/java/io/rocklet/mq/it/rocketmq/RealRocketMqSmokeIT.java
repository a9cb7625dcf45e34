package io.rocklet.mq.it.rocketmq;

import org.apache.rocketmq.acl.common.AclClientRPCHook;
import org.apache.rocketmq.acl.common.SessionCredentials;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.exception.MQBrokerException;
import org.apache.rocketmq.client.exception.MQClientException;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.client.producer.SendResult;
import org.apache.rocketmq.client.producer.SendStatus;
import org.apache.rocketmq.common.consumer.ConsumeFromWhere;
import org.apache.rocketmq.common.message.Message;
import org.apache.rocketmq.common.message.MessageExt;
import org.apache.rocketmq.common.message.MessageQueue;
import org.apache.rocketmq.remoting.RPCHook;
import org.apache.rocketmq.remoting.protocol.ResponseCode;
import org.apache.rocketmq.remoting.protocol.route.BrokerData;
import org.apache.rocketmq.remoting.protocol.route.QueueData;
import org.apache.rocketmq.remoting.protocol.route.TopicRouteData;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/** The harness itself, driven by the official RocketMQ 5.2.0 client: one RocketMQ per nested class. */
class RealRocketMqSmokeIT {
    private static final AtomicInteger GROUPS = new AtomicInteger();

    @Nested
    class OneBroker {
        @RegisterExtension
        static final RealRocketMqExtension rocketmq = RealRocketMqExtension.brokers(1);

        @Test
        void syncSendThenPushConsumerReceivesAll(RealRocketMq mq) throws Exception {
            mq.createTopic("smoke-one", 8);
            QueueData queues = mq.route("smoke-one").getQueueDatas().get(0);
            assertThat(queues.getWriteQueueNums()).isEqualTo(8);
            assertThat(queues.getReadQueueNums()).isEqualTo(8);

            DefaultMQProducer producer = producer(mq, null);
            Set<String> sent = new HashSet<>();
            Set<Integer> queueIds = new HashSet<>();
            try {
                assertThat(producer.fetchPublishMessageQueues("smoke-one")).hasSize(8);
                for (int i = 0; i < 16; i++) {
                    String body = "message-" + i;
                    SendResult result = producer.send(new Message("smoke-one", body.getBytes(StandardCharsets.UTF_8)));
                    assertThat(result.getSendStatus()).isEqualTo(SendStatus.SEND_OK);
                    sent.add(body);
                    queueIds.add(result.getMessageQueue().getQueueId());
                }
            } finally {
                producer.shutdown();
            }
            assertThat(queueIds).hasSize(8);

            Set<String> received = ConcurrentHashMap.newKeySet();
            DefaultMQPushConsumer consumer = new DefaultMQPushConsumer("smoke-consumer-" + GROUPS.incrementAndGet());
            consumer.setNamesrvAddr(mq.nameServerAddress());
            consumer.setConsumeFromWhere(ConsumeFromWhere.CONSUME_FROM_FIRST_OFFSET);
            consumer.subscribe("smoke-one", "*");
            consumer.registerMessageListener((MessageListenerConcurrently) (messages, context) -> {
                for (MessageExt message : messages) {
                    received.add(new String(message.getBody(), StandardCharsets.UTF_8));
                }
                return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
            });
            consumer.start();
            try {
                await().atMost(Duration.ofSeconds(20)).until(() -> received.containsAll(sent));
            } finally {
                consumer.shutdown();
            }
            assertThat(received).isEqualTo(sent);
            mq.assertLoopbackOnly();
        }
    }

    @Nested
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class TwoBrokers {
        @RegisterExtension
        static final RealRocketMqExtension rocketmq = RealRocketMqExtension.brokers(2);

        @Test
        @Order(1)
        void routeListsBothBrokers(RealRocketMq mq) throws Exception {
            mq.createTopic("smoke-two", 4);
            TopicRouteData route = mq.route("smoke-two");
            assertThat(route.getQueueDatas()).extracting(QueueData::getBrokerName)
                    .containsExactlyInAnyOrder("broker-a", "broker-b");
            assertThat(route.getBrokerDatas()).extracting(BrokerData::getBrokerName)
                    .containsExactlyInAnyOrder("broker-a", "broker-b");
            assertThat(route.getBrokerDatas()).flatExtracting(broker -> broker.getBrokerAddrs().values())
                    .containsExactlyInAnyOrder(mq.brokerAddress(0), mq.brokerAddress(1))
                    .allMatch(address -> address.startsWith("127.0.0.1:"));

            DefaultMQProducer producer = producer(mq, null);
            try {
                List<MessageQueue> queues = producer.fetchPublishMessageQueues("smoke-two");
                assertThat(queues).hasSize(8);
                assertThat(queues).extracting(MessageQueue::getBrokerName).containsOnly("broker-a", "broker-b");
                Set<String> brokers = new HashSet<>();
                for (int i = 0; i < 8; i++) {
                    SendResult result = producer.send(new Message("smoke-two", ("m" + i).getBytes(StandardCharsets.UTF_8)));
                    assertThat(result.getSendStatus()).isEqualTo(SendStatus.SEND_OK);
                    brokers.add(result.getMessageQueue().getBrokerName());
                }
                assertThat(brokers).containsExactlyInAnyOrder("broker-a", "broker-b");
            } finally {
                producer.shutdown();
            }
            mq.assertLoopbackOnly();
        }

        @Test
        @Order(2)
        void afterShutdownBrokerTheOtherOneServes(RealRocketMq mq) throws Exception {
            mq.createTopic("smoke-failover", 4);
            mq.shutdownBroker(1);
            assertThat(mq.route("smoke-failover").getQueueDatas()).extracting(QueueData::getBrokerName)
                    .containsExactly("broker-a");

            DefaultMQProducer producer = producer(mq, null);
            try {
                for (int i = 0; i < 4; i++) {
                    SendResult result = producer.send(new Message("smoke-failover", ("m" + i).getBytes(StandardCharsets.UTF_8)));
                    assertThat(result.getSendStatus()).isEqualTo(SendStatus.SEND_OK);
                    assertThat(result.getMessageQueue().getBrokerName()).isEqualTo("broker-a");
                }
            } finally {
                producer.shutdown();
            }
            mq.assertLoopbackOnly();
        }
    }

    @Nested
    class Acl {
        static final String ACCESS_KEY = "rocklet-access";
        static final String SECRET_KEY = "rocklet-secret";

        @RegisterExtension
        static final RealRocketMqExtension rocketmq = RealRocketMqExtension.brokers(1).withAcl(ACCESS_KEY, SECRET_KEY);

        @Test
        void rightCredentialsSendAndAWrongSecretIsRefused(RealRocketMq mq) throws Exception {
            mq.createTopic("smoke-acl", 4);

            DefaultMQProducer good = producer(mq, new AclClientRPCHook(new SessionCredentials(ACCESS_KEY, SECRET_KEY)));
            try {
                SendResult result = good.send(new Message("smoke-acl", "signed".getBytes(StandardCharsets.UTF_8)));
                assertThat(result.getSendStatus()).isEqualTo(SendStatus.SEND_OK);
            } finally {
                good.shutdown();
            }

            DefaultMQProducer bad = producer(mq, new AclClientRPCHook(new SessionCredentials(ACCESS_KEY, "not-the-secret")));
            bad.setRetryTimesWhenSendFailed(0);
            Throwable refused;
            try {
                refused = catchThrowable(() -> bad.send(new Message("smoke-acl", "forged".getBytes(StandardCharsets.UTF_8))));
            } finally {
                bad.shutdown();
            }
            assertThat(refused).isInstanceOf(MQClientException.class);
            assertThat(((MQClientException) refused).getResponseCode()).isEqualTo(ResponseCode.SYSTEM_ERROR);
            assertThat(refused.getCause()).isInstanceOfSatisfying(MQBrokerException.class, broker -> {
                assertThat(broker.getResponseCode()).isEqualTo(ResponseCode.SYSTEM_ERROR);
                assertThat(broker.getErrorMessage()).contains("Check signature failed for accessKey=" + ACCESS_KEY);
            });
            assertThat(mq.broker(0).getMessageStore().getMaxOffsetInQueue("smoke-acl", 0)
                    + mq.broker(0).getMessageStore().getMaxOffsetInQueue("smoke-acl", 1)
                    + mq.broker(0).getMessageStore().getMaxOffsetInQueue("smoke-acl", 2)
                    + mq.broker(0).getMessageStore().getMaxOffsetInQueue("smoke-acl", 3)).isEqualTo(1);
            mq.assertLoopbackOnly();
        }
    }

    private static DefaultMQProducer producer(RealRocketMq mq, RPCHook hook) throws MQClientException {
        DefaultMQProducer producer = new DefaultMQProducer("smoke-producer-" + GROUPS.incrementAndGet(), hook);
        producer.setNamesrvAddr(mq.nameServerAddress());
        producer.start();
        return producer;
    }
}
