package io.rocklet.mq.it.rocketmq;

import org.apache.rocketmq.common.namesrv.NamesrvConfig;
import org.apache.rocketmq.namesrv.NamesrvController;
import org.apache.rocketmq.remoting.common.TlsMode;
import org.apache.rocketmq.remoting.netty.NettyServerConfig;
import org.apache.rocketmq.remoting.netty.TlsSystemConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * A RocketMQ 5.2.0 name server whose own remoting client only ever targets its loopback address.
 * {@link NamesrvController#start()} points that client at the host's first non-loopback address
 * (and port) and starts a scan that dials it at once and every 3 s; tests must never dial that
 * address. This start does what the original does with TLS disabled, with 127.0.0.1 instead.
 */
final class LoopbackNamesrvController extends NamesrvController {
    LoopbackNamesrvController(NamesrvConfig namesrvConfig, NettyServerConfig nettyServerConfig) {
        super(namesrvConfig, nettyServerConfig);
    }

    @Override
    public void start() {
        // With TLS on, the original also starts a certificate watcher this class cannot reach.
        if (TlsSystemConfig.tlsMode != TlsMode.DISABLED) {
            throw new IllegalStateException("TLS must be disabled (tls.server.mode=disabled)");
        }
        getRemotingServer().start();
        // A mutable list: the client shuffles it in place.
        getRemotingClient().updateNameServerAddressList(new ArrayList<>(List.of(address())));
        getRemotingClient().start();
        getRouteInfoManager().start();
    }

    /** "127.0.0.1:port", the only address this name server's remoting client knows. */
    String address() {
        return "127.0.0.1:" + getRemotingServer().localListenPort();
    }
}
