package io.rocklet.mq.broker;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConsumerOffsetsTest {
    @Test
    void aCommitCarriedByAPullNeverMovesTheOffsetBackButAnExplicitOneDoes() {
        ConsumerOffsets offsets = new ConsumerOffsets();
        assertThat(offsets.get("g", "t", 3)).isEqualTo(-1);
        offsets.commit("g", "t", 3, 10);
        offsets.commitForward("g", "t", 3, 0); // a pull prepared before the commit of 10, arriving after it
        assertThat(offsets.get("g", "t", 3)).isEqualTo(10);
        offsets.commitForward("g", "t", 3, 12);
        assertThat(offsets.get("g", "t", 3)).isEqualTo(12);
        offsets.commit("g", "t", 3, 4); // a reset or seek
        assertThat(offsets.get("g", "t", 3)).isEqualTo(4);
        offsets.commitForward("g", "t", 7, 5); // a queue never committed before
        assertThat(offsets.get("g", "t", 7)).isEqualTo(5);
    }
}
