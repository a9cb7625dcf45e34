package io.rocklet.mq.standalone;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OptionsTest {
    @Test
    void defaultsToLoopbackOnRocketMqsPort() {
        StandaloneBroker.Options options = StandaloneBroker.Options.parse(new String[0]);
        assertThat(options.port()).isEqualTo(9876);
        assertThat(options.bind()).isEqualTo("127.0.0.1");
    }

    @Test
    void readsEveryOptionAndRejectsUnknownOnes() {
        StandaloneBroker.Options options = StandaloneBroker.Options.parse(
                new String[]{"--port", "19876", "--bind", "127.0.0.2", "--name", "local", "--data-dir", "/tmp/r"});
        assertThat(options).isEqualTo(new StandaloneBroker.Options(19876, "127.0.0.2", "local", "/tmp/r"));
        assertThatThrownBy(() -> StandaloneBroker.Options.parse(new String[]{"--verbose"}))
                .hasMessageContaining("--verbose");
        assertThatThrownBy(() -> StandaloneBroker.Options.parse(new String[]{"--port"}))
                .hasMessageContaining("--port needs a value");
    }
}
