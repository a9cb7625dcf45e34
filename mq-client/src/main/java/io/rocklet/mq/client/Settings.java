package io.rocklet.mq.client;

import io.rocklet.mq.api.InvalidConfigurationException;

import java.time.Duration;

/** Checks for builder values, each naming the setting and the value. */
final class Settings {
    private Settings() {
    }

    static Duration positive(String what, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new InvalidConfigurationException(what + " must be a positive duration: " + value);
        }
        return value;
    }

    static int positive(String what, int value) {
        if (value <= 0) {
            throw new InvalidConfigurationException(what + " must be positive: " + value);
        }
        return value;
    }

    static <T> T required(String what, T value) {
        if (value == null) {
            throw new InvalidConfigurationException(what + " must not be null");
        }
        return value;
    }
}
