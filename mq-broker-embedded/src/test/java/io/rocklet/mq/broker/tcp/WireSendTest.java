package io.rocklet.mq.broker.tcp;

import io.rocklet.mq.client.remoting.RemotingCommand;
import io.rocklet.mq.client.remoting.RequestCode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class WireSendTest {
    private static RemotingCommand send(String properties) {
        RemotingCommand command = RemotingCommand.request(RequestCode.SEND_MESSAGE_V2, 1)
                .put("a", "pg").put("b", "Timed").put("e", 0).put("f", 0).put("g", 1_000L).put("i", properties);
        command.body = "x".getBytes(StandardCharsets.UTF_8);
        return command;
    }

    @Test
    void theOnsSdksStartDeliverTimeIsADeliveryTime() {
        WireSend send = WireSend.of(send("__STARTDELIVERTIME\u00011795664400000\u0002"), 0, 0);
        assertThat(send.request.deliverAtMs).isEqualTo(1_795_664_400_000L);
    }

    @Test
    void timerDeliverMsWinsOverTheOnsProperty() {
        WireSend send = WireSend.of(send("TIMER_DELIVER_MS\u00011795664500000\u0002__STARTDELIVERTIME\u00011795664400000\u0002"), 0, 0);
        assertThat(send.request.deliverAtMs).isEqualTo(1_795_664_500_000L);
    }

    @Test
    void aDelayLevelWinsOverBoth() {
        WireSend send = WireSend.of(send("DELAY\u00013\u0002__STARTDELIVERTIME\u00011795664400000\u0002"), 0, 0);
        assertThat(send.request.delayLevel).isEqualTo(3);
        assertThat(send.request.deliverAtMs).isZero();
    }
}
