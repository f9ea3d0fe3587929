package io.salvo.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.codec.http2.Http2Error;
import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Cleartext HTTP/2 by prior knowledge (h2c) beside HTTP/1.1 on one port, and the stream limit. */
@Timeout(30)
class Http2CleartextTest {
  private static final byte[] PREFACE =
      "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final int SETTINGS = 0x4;
  private static final int SETTINGS_MAX_CONCURRENT_STREAMS = 0x3;

  private TargetServer target;

  @AfterEach
  void stop() {
    if (target != null) {
      target.close();
    }
  }

  @Test
  void aPrefaceAndSettingsAreAnsweredWithTheServersSettings() throws Exception {
    target = TargetServer.builder().http2(true).maxConcurrentStreams(7).start();
    try (Socket s = new Socket("127.0.0.1", target.port())) {
      s.setSoTimeout(5000);
      s.setTcpNoDelay(true);
      OutputStream out = s.getOutputStream();
      // The preface in two writes: the target must wait for all of it before choosing HTTP/2.
      out.write(PREFACE, 0, 5);
      out.flush();
      out.write(PREFACE, 5, PREFACE.length - 5);
      out.write(new byte[] {0, 0, 0, SETTINGS, 0, 0, 0, 0, 0}); // an empty SETTINGS frame
      out.flush();
      DataInputStream in = new DataInputStream(s.getInputStream());
      int length = (in.readUnsignedShort() << 8) | in.readUnsignedByte();
      assertEquals(SETTINGS, in.readUnsignedByte(), "the first frame is SETTINGS");
      assertEquals(0, in.readUnsignedByte(), "not an ACK");
      assertEquals(0, in.readInt(), "stream 0");
      assertEquals(0, length % 6);
      long maxStreams = -1;
      for (int i = 0; i < length / 6; i++) {
        int id = in.readUnsignedShort();
        long value = in.readInt() & 0xffffffffL;
        if (id == SETTINGS_MAX_CONCURRENT_STREAMS) {
          maxStreams = value;
        }
      }
      assertEquals(7, maxStreams);
    }
    assertEquals(1, target.connections());
  }

  @Test
  void h2cAndHttp11ShareThePortAndTheCounts() throws Exception {
    target = TargetServer.builder().http2(true).start();
    assertEquals("http://127.0.0.1:" + target.port(), target.url());
    try (H2Client h2 = new H2Client(target.port(), false, true)) {
      assertEquals(100L, h2.settings().maxConcurrentStreams());
      assertEquals(new H2Client.Response(200, "ok"), h2.get("/").get(5, TimeUnit.SECONDS));
      assertEquals(503, h2.get("/status/503").get(5, TimeUnit.SECONDS).status());
      assertEquals(300, h2.get("/bytes/300").get(5, TimeUnit.SECONDS).body().length());
      assertEquals(204, h2.get("/status/204").get(5, TimeUnit.SECONDS).status());
    }
    for (HttpClient.Version v : HttpClient.Version.values()) {
      // HTTP_2 makes the JDK client offer an h2c upgrade, which the target declines.
      HttpResponse<String> res =
          HttpClient.newBuilder()
              .version(v)
              .connectTimeout(Duration.ofSeconds(5))
              .build()
              .send(
                  HttpRequest.newBuilder(URI.create(target.url() + "/status/201"))
                      .timeout(Duration.ofSeconds(10))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertEquals(201, res.statusCode());
      assertEquals(HttpClient.Version.HTTP_1_1, res.version());
    }
    assertEquals(4, target.requests(TargetServer.H2));
    assertEquals(2, target.requests(TargetServer.HTTP_1_1));
    assertEquals(6, target.requests());
    assertEquals(5, target.status(2));
    assertEquals(1, target.status(5));
    assertEquals(3, target.connections());
  }

  @Test
  void theServerRefusesStreamsPastItsLimitAndReportsTheMostSeen() throws Exception {
    target = TargetServer.builder().http2(true).maxConcurrentStreams(3).start();
    try (H2Client h2 = new H2Client(target.port(), true, true)) {
      assertEquals(3L, h2.settings().maxConcurrentStreams());
      // Long delays keep the first streams open while the others arrive; closing the client
      // ends them without waiting.
      List<CompletableFuture<H2Client.Response>> all = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        all.add(h2.get("/delay/30000"));
      }
      int refused = 0;
      for (CompletableFuture<H2Client.Response> f : all.subList(3, 5)) {
        ExecutionException e =
            assertThrows(ExecutionException.class, () -> f.get(5, TimeUnit.SECONDS));
        H2Client.StreamResetException reset =
            assertInstanceOf(H2Client.StreamResetException.class, e.getCause());
        assertEquals(Http2Error.REFUSED_STREAM.code(), reset.errorCode);
        refused++;
      }
      assertEquals(2, refused);
      assertTrue(all.subList(0, 3).stream().noneMatch(CompletableFuture::isDone));
      assertEquals(3, target.maxConcurrentStreamsSeen());
      assertTrue(target.statsJson().contains("\"maxConcurrentStreamsSeen\":3"));
    }
    assertEquals(0, target.requests());
  }

  @Test
  void closeOverHttp2AnswersThenEndsTheConnectionWithGoAway() throws Exception {
    target = TargetServer.builder().http2(true).start();
    try (H2Client h2 = new H2Client(target.port(), false, true)) {
      assertEquals(200, h2.get("/close").get(5, TimeUnit.SECONDS).status());
      assertEquals(Http2Error.NO_ERROR.code(), h2.goAway().get(5, TimeUnit.SECONDS));
      h2.channel().closeFuture().await(5, TimeUnit.SECONDS);
      assertFalse(h2.channel().isActive());
    }
    assertEquals(1, target.requests(TargetServer.H2));
  }

  @Test
  void afterGoAwayTheTargetClosesAConnectionTheClientKeepsOpen() throws Exception {
    target = TargetServer.builder().http2(true).start();
    try (H2Client h2 = new H2Client(target.port(), false, false)) {
      assertEquals(200, h2.get("/close").get(5, TimeUnit.SECONDS).status());
      assertEquals(Http2Error.NO_ERROR.code(), h2.goAway().get(5, TimeUnit.SECONDS));
      assertTrue(h2.channel().closeFuture().await(10, TimeUnit.SECONDS), "the target closed it");
    }
  }
}
