package io.rocklet.mq.broker;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The broker's logger. */
final class BrokerLog {
    static final Logger LOG = LoggerFactory.getLogger("io.rocklet.mq.broker");

    private BrokerLog() {
    }
}
