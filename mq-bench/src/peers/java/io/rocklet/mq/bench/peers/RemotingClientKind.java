package io.rocklet.mq.bench.peers;

/**
 * Which Java client the scenarios drive over RocketMQ's remoting protocol: RocketMQ's own
 * {@code rocketmq-client} 5.2.0 ({@link OfficialClientPeer}) or Rocklet's client through a
 * {@code rocketmq://} endpoint ({@link RockletClientPeer}). The scenario code is the same for both;
 * a {@link PeerSystem} picks a server and a client kind.
 */
enum RemotingClientKind {
    OFFICIAL {
        @Override
        PeerBroker on(RemotingServer server, String instance) {
            return new OfficialClientPeer(server, instance);
        }
    },
    ROCKLET {
        @Override
        PeerBroker on(RemotingServer server, String instance) {
            return new RockletClientPeer(server, instance);
        }
    };

    /** Clients of this kind on {@code server}, started lazily; closing them shuts the server down too. */
    abstract PeerBroker on(RemotingServer server, String instance);
}
