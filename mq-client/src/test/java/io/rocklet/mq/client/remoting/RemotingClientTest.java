package io.rocklet.mq.client.remoting;

import io.netty.buffer.Unpooled;
import io.rocklet.mq.client.remoting.RemotingClient.CallException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The remoting client against a scripted server on 127.0.0.1. */
class RemotingClientTest {
    private static final int IGNORED = 1000;
    private static final int LATE = 1001;
    private static final int CLOSE = 1002;

    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    private FakeServer server(FakeServer.Script script) {
        return track(FakeServer.start(script));
    }

    private RemotingClient client() {
        return client(60_000, (address, owner, request) -> { });
    }

    private RemotingClient client(long idleTimeoutMs, RemotingClient.Inbound inbound) {
        return track(new RemotingClient("test", Signer.NONE, 1_000, idleTimeoutMs, inbound));
    }

    private <T extends AutoCloseable> T track(T resource) {
        resources.add(resource);
        return resource;
    }

    private static RemotingCommand request(int code, String echo) {
        return RemotingCommand.request(code, 0).put("echo", echo);
    }

    /** The call's failure, waiting at most {@code seconds}. */
    private static CallException failure(CompletableFuture<RemotingCommand> call, long seconds) throws Exception {
        try {
            call.get(seconds, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(CallException.class);
            return (CallException) e.getCause();
        }
        throw new AssertionError("the call succeeded");
    }

    @Test
    void aCallWithoutAnAnswerTimesOutAloneAndTheConnectionKeepsServing() throws Exception {
        FakeServer server = server((request, channel) -> {
            if (request.code != IGNORED) {
                channel.writeAndFlush(FakeServer.echo(request));
            }
        });
        RemotingClient client = client();

        long start = System.nanoTime();
        CompletableFuture<RemotingCommand> unanswered = client.invoke(server.address(), null, request(IGNORED, "x"), 200);
        CallException e = failure(unanswered, 5);
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(e.timedOut()).isTrue();
        assertThat(e.getMessage()).contains("no answer", "within 200 ms");
        assertThat(tookMs).isBetween(150L, 3_000L);

        RemotingCommand answer = client.invokeSync(server.address(), null, request(7, "second"), 2_000);
        assertThat(answer.code).isEqualTo(ResponseCode.SUCCESS);
        assertThat(answer.field("echo")).isEqualTo("second");
        assertThat(server.accepted()).isEqualTo(1);
        assertThat(server.open()).hasSize(1);
    }

    @Test
    void aLateAnswerToATimedOutCallIsDroppedAndTheNextCallGetsItsOwn() throws Exception {
        AtomicInteger lateSent = new AtomicInteger();
        FakeServer server = server((request, channel) -> {
            if (request.code == LATE) {
                channel.eventLoop().schedule(() -> channel.writeAndFlush(FakeServer.echo(request))
                        .addListener(f -> lateSent.incrementAndGet()), 300, TimeUnit.MILLISECONDS);
            } else {
                channel.writeAndFlush(FakeServer.echo(request));
            }
        });
        RemotingClient client = client();

        CallException e = failure(client.invoke(server.address(), null, request(LATE, "late"), 100), 5);
        assertThat(e.timedOut()).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> lateSent.get() == 1);

        RemotingCommand answer = client.invokeSync(server.address(), null, request(7, "next"), 2_000);
        assertThat(answer.field("echo")).isEqualTo("next");
        assertThat(server.accepted()).isEqualTo(1);
    }

    @Test
    void responsesOutOfOrderAreMatchedByOpaque() throws Exception {
        List<RemotingCommand> held = new CopyOnWriteArrayList<>();
        FakeServer server = server((request, channel) -> {
            held.add(request);
            if (held.size() == 3) { // answer the three in reverse order
                for (int i = 2; i >= 0; i--) {
                    channel.writeAndFlush(FakeServer.echo(held.get(i)));
                }
            }
        });
        RemotingClient client = client();

        CompletableFuture<RemotingCommand> a = client.invoke(server.address(), null, request(7, "a"), 5_000);
        CompletableFuture<RemotingCommand> b = client.invoke(server.address(), null, request(7, "b"), 5_000);
        CompletableFuture<RemotingCommand> c = client.invoke(server.address(), null, request(7, "c"), 5_000);

        assertThat(a.get(5, TimeUnit.SECONDS).field("echo")).isEqualTo("a");
        assertThat(b.get(5, TimeUnit.SECONDS).field("echo")).isEqualTo("b");
        assertThat(c.get(5, TimeUnit.SECONDS).field("echo")).isEqualTo("c");
        assertThat(held).extracting(r -> r.opaque).doesNotHaveDuplicates();
    }

    @Test
    void aConnectionTheServerClosesFailsThePendingCallsAtOnceAndTheNextCallReconnects() throws Exception {
        AtomicInteger pending = new AtomicInteger();
        FakeServer server = server((request, channel) -> {
            if (request.code == CLOSE) {
                if (pending.incrementAndGet() == 2) {
                    channel.close();
                }
            } else {
                channel.writeAndFlush(FakeServer.echo(request));
            }
        });
        RemotingClient client = client();

        long start = System.nanoTime();
        CompletableFuture<RemotingCommand> first = client.invoke(server.address(), null, request(CLOSE, "1"), 30_000);
        CompletableFuture<RemotingCommand> second = client.invoke(server.address(), null, request(CLOSE, "2"), 30_000);
        CallException e1 = failure(first, 5);
        CallException e2 = failure(second, 5);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5_000);
        assertThat(e1.timedOut()).isFalse();
        assertThat(e2.timedOut()).isFalse();
        assertThat(e1.getMessage()).contains("closed");

        RemotingCommand answer = client.invokeSync(server.address(), null, request(7, "again"), 2_000);
        assertThat(answer.field("echo")).isEqualTo("again");
        assertThat(server.accepted()).isEqualTo(2);
    }

    @Test
    void aRefusedConnectionFailsFastAndIsNotRetriedBeforeTheBackOff() throws Exception {
        FakeServer server = track(FakeServer.create(FakeServer.ECHO)); // its I/O thread is up; not listening yet
        int port = FakeServer.freePort();
        String address = "127.0.0.1:" + port;
        RemotingClient client = client();

        long start = System.nanoTime();
        CallException refused = failure(client.invoke(address, null, request(7, "1"), 5_000), 5);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1_000);
        assertThat(refused.timedOut()).isFalse();
        assertThat(refused.getMessage()).startsWith("cannot connect to " + address);

        // within the back-off a call fails without dialing; once it has passed the next call dials (and
        // fails again, the back-off doubling): 100, 200, then 400 ms
        for (int dial = 2; dial <= 3; dial++) {
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10)).until(() ->
                    failure(client.invoke(address, null, request(7, "again"), 5_000), 5).getMessage()
                            .startsWith("cannot connect to " + address + ":"));
        }

        server.bind(port); // up now, but the back-off has not passed: no dialing
        CallException backingOff = failure(client.invoke(address, null, request(7, "2"), 5_000), 5);
        assertThat(backingOff.timedOut()).isFalse();
        Matcher wait = Pattern.compile("next attempt in (\\d+) ms").matcher(backingOff.getMessage());
        assertThat(wait.find()).as(backingOff.getMessage()).isTrue();
        assertThat(Long.parseLong(wait.group(1))).isBetween(0L, 400L);
        assertThat(server.accepted()).isZero();

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).ignoreException(CallException.class)
                .untilAsserted(() ->
                assertThat(client.invokeSync(address, null, request(7, "3"), 2_000).field("echo")).isEqualTo("3"));
        assertThat(server.accepted()).isEqualTo(1);
    }

    @Test
    void anIdleConnectionIsClosedAndTheNextCallOpensANewOne() {
        FakeServer server = server(FakeServer.ECHO);
        RemotingClient client = client(200, (address, owner, request) -> { });

        assertThat(client.invokeSync(server.address(), null, request(7, "1"), 2_000).field("echo")).isEqualTo("1");
        assertThat(server.accepted()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> server.open().isEmpty());

        assertThat(client.invokeSync(server.address(), null, request(7, "2"), 2_000).field("echo")).isEqualTo("2");
        assertThat(server.accepted()).isEqualTo(2);
    }

    @Test
    void onewayRequestsCarryTheOnewayFlag() {
        FakeServer server = server((request, channel) -> { });
        RemotingClient client = client();

        client.invokeOneway(server.address(), null, request(37, "fire"));
        await().atMost(Duration.ofSeconds(5)).until(() -> server.requests().size() == 1);
        RemotingCommand received = server.requests().get(0);
        assertThat(received.isOneway()).isTrue();
        assertThat(received.isResponse()).isFalse();
        assertThat(received.code).isEqualTo(37);
        assertThat(received.field("echo")).isEqualTo("fire");
    }

    @Test
    void aRequestFromTheServerReachesTheInboundWithAddressAndOwner() {
        FakeServer server = server(FakeServer.ECHO);
        List<String> seen = new CopyOnWriteArrayList<>();
        List<RemotingCommand> inbound = new CopyOnWriteArrayList<>();
        RemotingClient client = client(60_000, (address, owner, request) -> {
            seen.add(address + " " + owner);
            inbound.add(request);
        });

        client.invokeSync(server.address(), "client-1", request(RequestCode.HEART_BEAT, "hb"), 2_000);
        RemotingCommand notify = RemotingCommand.request(RequestCode.NOTIFY_CONSUMER_IDS_CHANGED, 77)
                .put("consumerGroup", "group-a");
        server.open().get(0).writeAndFlush(notify);

        await().atMost(Duration.ofSeconds(5)).until(() -> inbound.size() == 1);
        assertThat(seen).containsExactly(server.address() + " client-1");
        assertThat(inbound.get(0).code).isEqualTo(RequestCode.NOTIFY_CONSUMER_IDS_CHANGED);
        assertThat(inbound.get(0).opaque).isEqualTo(77);
        assertThat(inbound.get(0).field("consumerGroup")).isEqualTo("group-a");
    }

    @Test
    void anInboundThatThrowsLeavesTheConnectionServing() {
        FakeServer server = server(FakeServer.ECHO);
        AtomicInteger calls = new AtomicInteger();
        RemotingClient client = client(60_000, (address, owner, request) -> {
            calls.incrementAndGet();
            throw new IllegalStateException("test: inbound fails");
        });

        client.invokeSync(server.address(), "client-1", request(RequestCode.HEART_BEAT, "hb"), 2_000);
        server.open().get(0).writeAndFlush(RemotingCommand.request(RequestCode.NOTIFY_CONSUMER_IDS_CHANGED, 1));
        await().atMost(Duration.ofSeconds(5)).until(() -> calls.get() == 1);

        assertThat(client.invokeSync(server.address(), "client-1", request(7, "after"), 2_000).field("echo")).isEqualTo("after");
        assertThat(server.accepted()).isEqualTo(1);
    }

    @Test
    void aFrameThatDoesNotDecodeClosesTheConnectionAndFailsItsCallsAtOnce() throws Exception {
        FakeServer server = server((request, channel) -> {
            if (request.code == CLOSE) { // a header length beyond the frame
                channel.writeAndFlush(Unpooled.buffer(8).writeInt(4).writeInt(100));
            } else if (request.code != IGNORED) {
                channel.writeAndFlush(FakeServer.echo(request));
            }
        });
        RemotingClient client = client();

        CompletableFuture<RemotingCommand> waiting = client.invoke(server.address(), null, request(IGNORED, "w"), 30_000);
        CallException e = failure(client.invoke(server.address(), null, request(CLOSE, "bad"), 30_000), 5);
        assertThat(e.timedOut()).isFalse();
        assertThat(failure(waiting, 5).timedOut()).isFalse();

        assertThat(client.invokeSync(server.address(), null, request(7, "next"), 2_000).field("echo")).isEqualTo("next");
        assertThat(server.accepted()).isEqualTo(2);
    }

    @Test
    void anOwnersConnectionIsSeparateAndDisconnectClosesOnlyIt() {
        FakeServer server = server(FakeServer.ECHO);
        RemotingClient client = client();

        client.invokeSync(server.address(), null, request(7, "shared"), 2_000);
        client.invokeSync(server.address(), "client-1", request(7, "owned"), 2_000);
        assertThat(server.accepted()).isEqualTo(2);

        client.disconnect(server.address(), "client-1");
        await().atMost(Duration.ofSeconds(5)).until(() -> server.open().size() == 1);
        assertThat(client.invokeSync(server.address(), null, request(7, "still"), 2_000).field("echo")).isEqualTo("still");
        assertThat(server.accepted()).isEqualTo(2);
    }

    @Test
    void aClosedClientRefusesCalls() {
        RemotingClient client = new RemotingClient("closed", Signer.NONE, 1_000, 60_000, (a, o, r) -> { });
        client.close();
        assertThatThrownBy(() -> client.invokeSync("127.0.0.1:1", null, request(7, "x"), 1_000))
                .isInstanceOf(CallException.class).hasMessageContaining("closed");
    }
}
