package io.rocklet.mq.compat;

import io.rocklet.mq.client.remoting.CommandCodec;
import io.rocklet.mq.client.remoting.RemotingCommand;
import io.rocklet.mq.testkit.NameServer;
import io.rocklet.mq.testkit.RockletBroker;
import org.apache.rocketmq.client.consumer.DefaultMQPushConsumer;
import org.apache.rocketmq.client.consumer.listener.ConsumeConcurrentlyStatus;
import org.apache.rocketmq.client.consumer.listener.MessageListenerConcurrently;
import org.apache.rocketmq.client.producer.DefaultMQProducer;
import org.apache.rocketmq.common.message.Message;
import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Thousands of random and mutated frames at the TCP endpoint — garbage, lying lengths, frames
 * beyond 16 MiB, non-JSON headers, unknown codes, missing fields, half frames — then an official
 * producer and consumer still work end to end.
 */
@RockletBroker(tcp = true)
class FuzzIT {
    private static final int CONNECTIONS = 300;
    private static final int FRAMES_PER_CONNECTION = 10;

    @Test
    void garbageNeverStopsTheEndpoint(NameServer nameServer) throws Exception {
        long seed = Long.getLong("rocklet.seed", System.nanoTime());
        System.out.println("FuzzIT seed " + seed + " (rerun with -Drocklet.seed=" + seed + ")");
        Random random = new Random(seed);
        String[] hostPort = nameServer.address().split(":");
        int frames = 0;
        for (int c = 0; c < CONNECTIONS; c++) {
            try (Socket socket = new Socket(hostPort[0], Integer.parseInt(hostPort[1]))) {
                socket.setSoTimeout(50);
                OutputStream out = socket.getOutputStream();
                for (int f = 0; f < FRAMES_PER_CONNECTION; f++) {
                    out.write(frame(random));
                    frames++;
                }
                if (random.nextBoolean()) {
                    out.write(new byte[]{0, 0, 1}); // half a length, then gone
                }
                out.flush();
                drain(socket.getInputStream());
            } catch (IOException e) {
                // the endpoint closed the connection on a bad frame: expected
            }
        }
        System.out.println("FuzzIT: " + frames + " fuzzed frames over " + CONNECTIONS + " connections");

        assertThat(unknownCodeAnswer(hostPort)).as("an unknown code still gets code 3").isEqualTo(3);
        roundTripWithOfficialClient(nameServer.address());
    }

    private static byte[] frame(Random random) {
        switch (random.nextInt(7)) {
            case 0 -> { // pure garbage
                byte[] junk = new byte[1 + random.nextInt(64)];
                random.nextBytes(junk);
                return junk;
            }
            case 1 -> { // a length beyond 16 MiB
                return ByteBuffer.allocate(8).putInt(CommandCodec.MAX_FRAME_BYTES + 1 + random.nextInt(1000)).putInt(0).array();
            }
            case 2 -> { // a header length larger than the frame
                return ByteBuffer.allocate(12).putInt(8).putInt(100 + random.nextInt(1000)).putInt(0).array();
            }
            case 3 -> { // a header that is not JSON
                byte[] header = "{not json".getBytes(StandardCharsets.UTF_8);
                return ByteBuffer.allocate(8 + header.length).putInt(4 + header.length).putInt(header.length).put(header).array();
            }
            default -> { // a well-formed request with random code and fields, maybe mutated
                RemotingCommand command = RemotingCommand.request(random.nextInt(400), random.nextInt());
                if (random.nextBoolean()) {
                    command.put("topic", "Fuzz").put("queueId", random.nextBoolean() ? "x" : "0")
                            .put("consumerGroup", "g").put("a", "p").put("b", "Fuzz");
                }
                if (random.nextBoolean()) {
                    command.body = new byte[random.nextInt(200)];
                    random.nextBytes(command.body);
                }
                ByteBuffer encoded = CommandCodec.encode(command);
                byte[] bytes = new byte[encoded.remaining()];
                encoded.get(bytes);
                for (int i = random.nextInt(3); i > 0; i--) {
                    bytes[random.nextInt(bytes.length)] ^= (byte) (1 + random.nextInt(255));
                }
                return bytes;
            }
        }
    }

    private static void drain(InputStream in) throws IOException {
        byte[] buffer = new byte[8192];
        try {
            while (in.read(buffer) >= 0) {
                // answers to fuzzed requests are not checked: only that the endpoint survives
            }
        } catch (SocketTimeoutException e) {
            // nothing more to read now
        }
    }

    private static int unknownCodeAnswer(String[] hostPort) throws IOException {
        try (Socket socket = new Socket(hostPort[0], Integer.parseInt(hostPort[1]))) {
            socket.setSoTimeout(5_000);
            ByteBuffer request = CommandCodec.encode(RemotingCommand.request(9_999, 7));
            socket.getOutputStream().write(request.array(), 0, request.limit());
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] frame = new byte[in.readInt()];
            in.readFully(frame);
            RemotingCommand response = CommandCodec.decode(ByteBuffer.wrap(frame));
            assertThat(response.opaque).isEqualTo(7);
            assertThat(response.isResponse()).isTrue();
            return response.code;
        }
    }

    private static void roundTripWithOfficialClient(String address) throws Exception {
        DefaultMQProducer producer = new DefaultMQProducer("fuzz-producer");
        producer.setNamesrvAddr(address);
        DefaultMQPushConsumer consumer = new DefaultMQPushConsumer("fuzz-consumer");
        consumer.setNamesrvAddr(address);
        consumer.subscribe("AfterFuzz", "*");
        AtomicInteger received = new AtomicInteger();
        consumer.registerMessageListener((MessageListenerConcurrently) (msgs, context) -> {
            received.addAndGet(msgs.size());
            return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
        });
        try {
            producer.start();
            producer.send(new Message("AfterFuzz", "still works".getBytes(StandardCharsets.UTF_8)));
            consumer.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> received.get() == 1);
        } finally {
            consumer.shutdown();
            producer.shutdown();
        }
    }
}
