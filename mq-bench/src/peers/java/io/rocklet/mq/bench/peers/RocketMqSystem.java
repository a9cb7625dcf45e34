package io.rocklet.mq.bench.peers;

import org.apache.rocketmq.common.MQVersion;
import org.apache.rocketmq.remoting.netty.TlsSystemConfig;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;

import java.nio.file.Path;

/**
 * Apache RocketMQ 5.2.0: name server and broker in this JVM ({@link EmbeddedRocketMq}), a Java
 * client over loopback: its own ({@link RemotingClientKind#OFFICIAL}, system {@code rocketmq}) or
 * Rocklet's ({@link RemotingClientKind#ROCKLET}, system {@code rocklet-client}). A fresh name
 * server + broker per scenario, on fresh ports, with its store in the run directory; the same
 * broker set-up for either client.
 */
final class RocketMqSystem implements PeerSystem {
    private final RunDirectory run;
    private final RemotingClientKind client;

    /** Sets the JVM-wide properties RocketMQ reads once, so it must run before any RocketMQ class starts. */
    RocketMqSystem(RunDirectory run, Path logDir, RemotingClientKind client) {
        this.run = run;
        this.client = client;
        // The startup classes of the name server and broker set it; an embedded start must. Without
        // it the broker registers with version 0, the name server decodes the old format and records
        // no topics until the next periodic registration ~10 s later.
        System.setProperty(RemotingCommand.REMOTING_VERSION_KEY, Integer.toString(MQVersion.CURRENT_VERSION));
        // Plain TCP on loopback. The default ("permissive") also makes the name server watch
        // certificate files, a step LoopbackNamesrvController's start would have to repeat.
        System.setProperty(TlsSystemConfig.TLS_SERVER_MODE, "disabled");
        // Name server and store defaults live under ~ as well; everything is configured
        // explicitly, this catches what is not.
        OfficialClientPeer.keepFilesIn(run, logDir);
    }

    @Override
    public String name() {
        return client == RemotingClientKind.OFFICIAL ? "rocketmq" : "rocklet-client";
    }

    @Override
    public PeerBroker start(String instance) throws Exception {
        return client.on(EmbeddedRocketMq.start(instance, run.instance(instance)), instance);
    }
}
