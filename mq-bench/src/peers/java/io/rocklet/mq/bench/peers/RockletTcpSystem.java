package io.rocklet.mq.bench.peers;

import java.nio.file.Path;

/**
 * Rocklet's TCP endpoint ({@link RockletTcpServer}) with RocketMQ's own Java client 5.2.0 over
 * loopback ({@link OfficialClientPeer}): the same client and scenarios as {@link RocketMqSystem},
 * another server. A fresh broker per scenario, on a fresh port.
 */
final class RockletTcpSystem implements PeerSystem {
    RockletTcpSystem(RunDirectory run, Path logDir) {
        OfficialClientPeer.keepFilesIn(run, logDir);
    }

    @Override
    public String name() {
        return "rocklet-tcp";
    }

    @Override
    public PeerBroker start(String instance) {
        return RemotingClientKind.OFFICIAL.on(RockletTcpServer.start(instance), instance);
    }
}
