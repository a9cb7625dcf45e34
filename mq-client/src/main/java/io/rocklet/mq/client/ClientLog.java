package io.rocklet.mq.client;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The client runtime's logger. */
final class ClientLog {
    static final Logger LOG = LoggerFactory.getLogger("io.rocklet.mq.client");

    private ClientLog() {
    }
}
