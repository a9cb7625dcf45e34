package io.rocklet.mq.client.remoting;

import io.rocklet.mq.api.BrokerUnavailableException;
import io.rocklet.mq.client.protocol.TopicRoute;
import io.rocklet.mq.client.protocol.TopicRoute.BrokerRoute;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bodies as fastjson writes them: unquoted numeric map keys, object keys in the reset-offset table. */
class RouteBodiesTest {
    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aRouteKeepsTheBrokersWithAMasterSortedByName() {
        String body = "{\"brokerDatas\":["
                + "{\"brokerAddrs\":{0:\"127.0.0.1:10921\",1:\"127.0.0.1:10922\"},\"brokerName\":\"broker-b\",\"cluster\":\"c\"},"
                + "{\"brokerAddrs\":{\"0\":\"127.0.0.1:10911\"},\"brokerName\":\"broker-a\",\"cluster\":\"c\"},"
                + "{\"brokerAddrs\":{1:\"127.0.0.1:10932\"},\"brokerName\":\"broker-c\",\"cluster\":\"c\"}],"
                + "\"filterServerTable\":{},"
                + "\"queueDatas\":["
                + "{\"brokerName\":\"broker-b\",\"perm\":4,\"readQueueNums\":2,\"topicSysFlag\":0,\"writeQueueNums\":1},"
                + "{\"brokerName\":\"broker-c\",\"perm\":6,\"readQueueNums\":4,\"topicSysFlag\":0,\"writeQueueNums\":4},"
                + "{\"brokerName\":\"broker-a\",\"perm\":6,\"readQueueNums\":8,\"topicSysFlag\":0,\"writeQueueNums\":8}]}";

        TopicRoute route = RouteBodies.route("TopicTest", utf8(body));

        assertThat(route.topic()).isEqualTo("TopicTest");
        assertThat(route.brokers()).containsExactly(
                new BrokerRoute("broker-a", "127.0.0.1:10911", 8, 8, 6),
                new BrokerRoute("broker-b", "127.0.0.1:10921", 2, 1, 4));
        assertThat(route.brokers().get(0).readable()).isTrue();
        assertThat(route.brokers().get(0).writable()).isTrue();
        assertThat(route.brokers().get(1).readable()).isTrue();
        assertThat(route.brokers().get(1).writable()).isFalse();
    }

    @Test
    void aRouteWithoutQueuesIsEmptyAndAMissingOrBrokenBodyIsAnError() {
        assertThat(RouteBodies.route("T", utf8("{\"brokerDatas\":[],\"queueDatas\":[]}")).brokers()).isEmpty();
        assertThatThrownBy(() -> RouteBodies.route("T", null)).isInstanceOf(BrokerUnavailableException.class)
                .hasMessageContaining("without a body");
        assertThatThrownBy(() -> RouteBodies.route("T", utf8("{brokerDatas:["))).isInstanceOf(BrokerUnavailableException.class)
                .hasMessageContaining("not JSON");
    }

    @Test
    void resetOffsetsReadsObjectKeysGroupedByBrokerForTheTopicOnly() {
        String body = "{\"offsetTable\":{"
                + "{\"brokerName\":\"b\",\"queueId\":0,\"topic\":\"t\"}:5,"
                + "{\"brokerName\":\"c\",\"queueId\":1,\"topic\":\"t\"}:7,"
                + "{\"brokerName\":\"b\",\"queueId\":3,\"topic\":\"t\"}:11,"
                + "{\"brokerName\":\"b\",\"queueId\":2,\"topic\":\"other\"}:9}}";

        Map<String, Map<Integer, Long>> offsets = RouteBodies.resetOffsets("t", utf8(body));

        assertThat(offsets).containsOnlyKeys("b", "c");
        assertThat(offsets.get("b")).containsExactly(Map.entry(0, 5L), Map.entry(3, 11L));
        assertThat(offsets.get("c")).containsExactly(Map.entry(1, 7L));
        assertThat(RouteBodies.resetOffsets("none", utf8(body))).isEmpty();
        assertThat(RouteBodies.resetOffsets("t", null)).isEmpty();
    }
}
