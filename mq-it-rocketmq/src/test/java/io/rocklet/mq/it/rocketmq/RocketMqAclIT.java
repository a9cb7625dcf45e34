package io.rocklet.mq.it.rocketmq;

import io.rocklet.mq.api.AuthenticationException;
import io.rocklet.mq.api.ClientOptions;
import io.rocklet.mq.api.Clients;
import io.rocklet.mq.api.ConsumeResult;
import io.rocklet.mq.api.ConsumeFromWhere;
import io.rocklet.mq.api.Message;
import io.rocklet.mq.api.MessageView;
import io.rocklet.mq.api.PushConsumer;
import io.rocklet.mq.api.SendResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Rocklet's client against a RocketMQ broker with ACL on: every request is signed with the secret key. */
class RocketMqAclIT {
    private static final String ACCESS_KEY = "rocklet-access";
    private static final String SECRET_KEY = "rocklet-secret";

    @RegisterExtension
    static final RealRocketMqExtension rocketmq = RealRocketMqExtension.brokers(1).withAcl(ACCESS_KEY, SECRET_KEY);

    private static Clients connect(String accessKey, String secretKey) {
        ClientOptions options = ClientOptions.defaults().routePollInterval(Duration.ofSeconds(1));
        return Clients.connect("rocketmq://" + rocketmq.nameServerAddress(),
                accessKey == null ? options : options.credentials(accessKey, secretKey));
    }

    @Test
    void theRightCredentialsSendAndConsume(RealRocketMq mq) {
        mq.createTopic("acl-ok", 4);
        try (Clients clients = connect(ACCESS_KEY, SECRET_KEY)) {
            SendResult sent = clients.producer().group("acl-producer").build().send(Message.of("acl-ok", "signed"));
            List<MessageView> received = Collections.synchronizedList(new ArrayList<>());
            try (PushConsumer ignored = clients.pushConsumer().group("acl-consumer").subscribe("acl-ok", "*")
                    .consumeFromWhere(ConsumeFromWhere.FIRST).listener(m -> {
                        received.add(m);
                        return ConsumeResult.SUCCESS;
                    }).build()) {
                await().atMost(Duration.ofSeconds(30)).until(() -> !received.isEmpty());
            }
            assertThat(received.get(0).messageId()).isEqualTo(sent.messageId());
        }
    }

    @Test
    void aWrongSecretIsRefusedWithAnAuthenticationException(RealRocketMq mq) {
        mq.createTopic("acl-wrong", 4);
        try (Clients clients = connect(ACCESS_KEY, "not-the-secret")) {
            assertThatThrownBy(() -> clients.producer().group("acl-forger").build().send(Message.of("acl-wrong", "forged")))
                    .isInstanceOf(AuthenticationException.class)
                    .hasMessageContaining("Check signature failed");
        }
        assertThat(mq.broker(0).getMessageStore().getMaxOffsetInQueue("acl-wrong", 0)
                + mq.broker(0).getMessageStore().getMaxOffsetInQueue("acl-wrong", 1)
                + mq.broker(0).getMessageStore().getMaxOffsetInQueue("acl-wrong", 2)
                + mq.broker(0).getMessageStore().getMaxOffsetInQueue("acl-wrong", 3)).isZero();
    }

    @Test
    void noCredentialsAreRefusedToo(RealRocketMq mq) {
        mq.createTopic("acl-none", 4);
        try (Clients clients = connect(null, null)) {
            assertThatThrownBy(() -> clients.producer().group("acl-anonymous").build().send(Message.of("acl-none", "x")))
                    .isInstanceOf(AuthenticationException.class);
        }
    }
}
