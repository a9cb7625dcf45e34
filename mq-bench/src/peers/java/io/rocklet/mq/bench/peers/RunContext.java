package io.rocklet.mq.bench.peers;

import java.io.PrintStream;

/** What every scenario needs: the peer system, the options and the stream the JSON lines go to. */
record RunContext(PeerSystem system, Options options, PrintStream out) {
    PeerJson line(String scenario) {
        return new PeerJson(out, system.name(), scenario);
    }
}
