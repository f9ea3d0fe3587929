package io.salvo.engine;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelOption;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.ThreadFactory;

/**
 * Netty's native epoll transport where it loads (Linux), NIO elsewhere. Netty's buffer leak
 * detector is off unless {@code -Dio.netty.leakDetection.level} asks for it: it records a stack
 * trace for one buffer in 128, about 1% of the event loop's time under load.
 */
final class Transport {
  static {
    if (System.getProperty("io.netty.leakDetection.level") == null) {
      ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
    }
  }

  private Transport() {}

  static boolean epoll() {
    return Epoll.isAvailable();
  }

  static MultiThreadIoEventLoopGroup group(int threads, ThreadFactory factory) {
    IoHandlerFactory io = epoll() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    ThreadFactory f = factory != null ? factory : new DefaultThreadFactory("salvo-loop", true);
    return new MultiThreadIoEventLoopGroup(threads, f, io);
  }

  static Bootstrap bootstrap(int connectTimeoutMillis) {
    return new Bootstrap()
        .channel(epoll() ? EpollSocketChannel.class : NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.SO_KEEPALIVE, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMillis)
        .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT);
  }
}
