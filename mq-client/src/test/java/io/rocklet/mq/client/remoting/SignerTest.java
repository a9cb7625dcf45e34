package io.rocklet.mq.client.remoting;

import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The ACL signature as RocketMQ's AclClientRPCHook computes it. */
class SignerTest {
    private static final Signer SIGNER = Signer.of("rocketmq2", "12345678");

    /** HMAC-SHA1 under the secret key of {@code content} then {@code body}, Base64: AclUtils.calSignature. */
    private static String hmacSha1(String secretKey, String content, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        byte[] text = content.getBytes(StandardCharsets.UTF_8);
        byte[] total = new byte[text.length + (body == null ? 0 : body.length)];
        System.arraycopy(text, 0, total, 0, text.length);
        if (body != null) {
            System.arraycopy(body, 0, total, text.length, body.length);
        }
        return Base64.getEncoder().encodeToString(mac.doFinal(total));
    }

    private static RemotingCommand pull() {
        RemotingCommand command = RemotingCommand.request(RequestCode.PULL_MESSAGE, 9)
                .put("topic", "TopicTest").put("queueId", 3).put("consumerGroup", "cg").put("bname", "broker-a");
        command.body = new byte[]{1, 2, 3, 'x'};
        return command;
    }

    @Test
    void signsTheSortedFieldValuesAndTheBodyWithHmacSha1() throws Exception {
        RemotingCommand command = pull();
        SIGNER.sign(command);

        // names sorted (upper case first): AccessKey, bname, consumerGroup, queueId, topic
        String expected = hmacSha1("12345678", "rocketmq2" + "broker-a" + "cg" + "3" + "TopicTest", command.body);
        assertThat(command.field(Signer.ACCESS_KEY)).isEqualTo("rocketmq2");
        assertThat(command.field(Signer.SIGNATURE)).isEqualTo(expected);
        assertThat(command.extFields).hasSize(6);
    }

    @Test
    void aCommandWithoutABodySignsTheFieldsAlone() throws Exception {
        RemotingCommand command = RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC, 1).put("topic", "T");
        SIGNER.sign(command);
        assertThat(command.field(Signer.SIGNATURE)).isEqualTo(hmacSha1("12345678", "rocketmq2" + "T", null));
    }

    @Test
    void noneLeavesTheCommandUntouched() {
        RemotingCommand command = pull();
        Map<String, String> before = Map.copyOf(command.extFields);
        Signer.NONE.sign(command);
        assertThat(command.extFields).isEqualTo(before);
        assertThat(Signer.of(null, "secret")).isSameAs(Signer.NONE);
        assertThat(Signer.of("access", null)).isSameAs(Signer.NONE);
    }

    @Test
    void signingAgainReplacesTheOldSignature() throws Exception {
        RemotingCommand command = pull();
        SIGNER.sign(command);
        String first = command.field(Signer.SIGNATURE);
        SIGNER.sign(command);
        assertThat(command.field(Signer.SIGNATURE)).isEqualTo(first); // the old signature is not signed

        command.put("queueId", 4);
        command.body = new byte[]{9};
        SIGNER.sign(command);
        assertThat(command.field(Signer.SIGNATURE)).isNotEqualTo(first)
                .isEqualTo(hmacSha1("12345678", "rocketmq2" + "broker-a" + "cg" + "4" + "TopicTest", new byte[]{9}));
        assertThat(command.extFields).hasSize(6);
    }
}
