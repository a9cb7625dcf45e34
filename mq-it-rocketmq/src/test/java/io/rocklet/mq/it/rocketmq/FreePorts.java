package io.rocklet.mq.it.rocketmq;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Ports nobody listens on right now, found by binding, never by connecting. */
final class FreePorts {
    private FreePorts() {
    }

    /** A port free on loopback, picked by the kernel. */
    static int loopback() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A port whose neighbour two below is free as well (a RocketMQ broker listens on both). */
    static int loopbackWithPortMinusTwo() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = loopback();
            if (port > 1026 && isFree(new InetSocketAddress(InetAddress.getLoopbackAddress(), port - 2))) {
                return port;
            }
        }
        throw new IllegalStateException("no free loopback port p with p - 2 free");
    }

    /** A port free on every interface, for a listener that binds the wildcard address. */
    static int wildcard() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether nothing listens on {@code port} of 127.0.0.1 (checked by binding it). */
    static boolean isLoopbackFree(int port) {
        return isFree(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    }

    private static boolean isFree(InetSocketAddress address) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(address);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
