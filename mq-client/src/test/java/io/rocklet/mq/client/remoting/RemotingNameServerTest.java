package io.rocklet.mq.client.remoting;

import io.rocklet.mq.client.protocol.TopicRoute;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Routes from scripted name servers on 127.0.0.1. */
class RemotingNameServerTest {
    private final List<AutoCloseable> resources = new ArrayList<>();
    /** Topic → write queue count the name servers report; absent = TOPIC_NOT_EXIST. */
    private final Map<String, Integer> topics = new ConcurrentHashMap<>();
    private final FakeServer.Script nameServer = (request, channel) -> {
        Integer queues = request.code == RequestCode.GET_ROUTEINFO_BY_TOPIC ? topics.get(request.field("topic")) : null;
        if (queues == null) {
            channel.writeAndFlush(RemotingCommand.responseTo(request, ResponseCode.TOPIC_NOT_EXIST, "No topic route info"));
            return;
        }
        RemotingCommand answer = RemotingCommand.responseTo(request, ResponseCode.SUCCESS, null);
        answer.body = ("{\"brokerDatas\":[{\"brokerAddrs\":{0:\"127.0.0.1:10911\"},\"brokerName\":\"broker-a\","
                + "\"cluster\":\"DefaultCluster\"}],\"queueDatas\":[{\"brokerName\":\"broker-a\",\"perm\":6,"
                + "\"readQueueNums\":" + queues + ",\"topicSysFlag\":0,\"writeQueueNums\":" + queues + "}]}")
                .getBytes(StandardCharsets.UTF_8);
        channel.writeAndFlush(answer);
    };

    @AfterEach
    void closeAll() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    private <T extends AutoCloseable> T track(T resource) {
        resources.add(resource);
        return resource;
    }

    private RemotingNameServer names(String... addresses) {
        RemotingClient client = track(new RemotingClient("names", Signer.NONE, 1_000, 60_000, (a, o, r) -> { }));
        return new RemotingNameServer(client, List.of(addresses), 2_000);
    }

    private static long routeRequests(FakeServer server) {
        return server.requests().stream().filter(r -> r.code == RequestCode.GET_ROUTEINFO_BY_TOPIC).count();
    }

    @Test
    void aDeadNameServerIsSkippedAndTheLiveOneKeptOn() {
        topics.put("TopicTest", 4);
        FakeServer live = track(FakeServer.start(nameServer));
        RemotingNameServer names = names("127.0.0.1:" + FakeServer.freePort(), live.address());

        for (int i = 0; i < 3; i++) {
            TopicRoute route = names.route("TopicTest");
            assertThat(route.brokers()).singleElement().satisfies(b -> {
                assertThat(b.address()).isEqualTo("127.0.0.1:10911");
                assertThat(b.writeQueues()).isEqualTo(4);
            });
            names.forget("TopicTest");
        }
        assertThat(routeRequests(live)).isEqualTo(3);
        assertThat(live.requests().get(0).field("topic")).isEqualTo("TopicTest");
        assertThat(names.brokerName("127.0.0.1:10911")).isEqualTo("broker-a");
    }

    @Test
    void whenTheCurrentNameServerDiesTheNextAnswersAndStaysCurrent() {
        topics.put("TopicTest", 4);
        FakeServer first = track(FakeServer.start(nameServer));
        FakeServer second = track(FakeServer.start(nameServer));
        RemotingNameServer names = names(first.address(), second.address());

        assertThat(names.route("TopicTest")).isNotNull();
        FakeServer used = routeRequests(first) == 1 ? first : second;
        FakeServer other = used == first ? second : first;
        assertThat(routeRequests(other)).isZero();

        used.stop();
        names.forget("TopicTest");
        assertThat(names.route("TopicTest").brokers()).hasSize(1);
        assertThat(routeRequests(other)).isEqualTo(1);

        used.bind(used.port()); // back, but the other one stays current
        names.forget("TopicTest");
        assertThat(names.route("TopicTest").brokers()).hasSize(1);
        assertThat(routeRequests(other)).isEqualTo(2);
        assertThat(routeRequests(used)).isEqualTo(1);
    }

    @Test
    void aTopicTheNameServerDoesNotKnowHasNoRouteAndIsNotCached() {
        FakeServer server = track(FakeServer.start(nameServer));
        RemotingNameServer names = names(server.address());

        assertThat(names.route("Missing")).isNull();
        assertThat(names.route("Missing")).isNull();
        assertThat(routeRequests(server)).isEqualTo(2);
    }

    @Test
    void routesAreCachedUntilForgotten() {
        topics.put("TopicTest", 4);
        FakeServer server = track(FakeServer.start(nameServer));
        RemotingNameServer names = names(server.address());

        TopicRoute first = names.route("TopicTest");
        topics.put("TopicTest", 8);
        assertThat(names.route("TopicTest")).isSameAs(first);
        assertThat(routeRequests(server)).isEqualTo(1);

        names.forget("TopicTest");
        assertThat(names.route("TopicTest").brokers().get(0).writeQueues()).isEqualTo(8);
        assertThat(routeRequests(server)).isEqualTo(2);
    }

    @Test
    void pollRefreshesEveryCachedRouteAndDropsTheGoneOnes() {
        topics.put("A", 4);
        topics.put("B", 4);
        FakeServer server = track(FakeServer.start(nameServer));
        RemotingNameServer names = names(server.address());
        names.route("A");
        names.route("B");

        topics.put("A", 8);
        topics.remove("B");
        names.poll();
        assertThat(routeRequests(server)).isEqualTo(4);

        assertThat(names.route("A").brokers().get(0).writeQueues()).isEqualTo(8);
        assertThat(routeRequests(server)).isEqualTo(4); // cached by the poll
        assertThat(names.route("B")).isNull();
        assertThat(routeRequests(server)).isEqualTo(5); // dropped by the poll: asked again
    }
}
