package io.rocklet.mq.bench.peers;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * ActiveMQ Artemis 2.38.0 embedded in this JVM ({@link EmbeddedArtemis}) with its core client over
 * the in-VM acceptor ({@link ArtemisPeer}). A fresh server per scenario, each on its own in-VM id.
 */
final class ArtemisSystem implements PeerSystem {
    /** In-VM acceptor ids are JVM-wide; a server never reuses one an earlier server had. */
    private final AtomicInteger nextInVmId = new AtomicInteger();
    private final RunDirectory run;
    private final int bodyBytes;

    ArtemisSystem(RunDirectory run, int bodyBytes) {
        this.run = run;
        this.bodyBytes = bodyBytes;
    }

    @Override
    public String name() {
        return "artemis";
    }

    @Override
    public PeerBroker start(String instance) throws Exception {
        EmbeddedArtemis server = EmbeddedArtemis.start(instance, nextInVmId.getAndIncrement(), run.instance(instance));
        return new ArtemisPeer(server, bodyBytes);
    }
}
