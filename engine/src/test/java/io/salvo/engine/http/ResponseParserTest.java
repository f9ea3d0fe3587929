package io.salvo.engine.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ResponseParserTest {
  private static ByteBuf buf(String s) {
    return Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1);
  }

  /** Feeds the response split at every possible point; each must parse the same. */
  private static void eachSplit(String response, boolean head, int status, boolean close)
      throws Exception {
    for (int cut = 0; cut <= response.length(); cut++) {
      ResponseParser p = new ResponseParser();
      p.reset(head);
      ByteBuf first = buf(response.substring(0, cut));
      boolean done = p.parse(first);
      if (!done) {
        done = p.parse(buf(response.substring(cut)));
      }
      assertTrue(done, "complete when cut at " + cut);
      assertEquals(status, p.status());
      assertEquals(close, p.closeAfter(), "close, cut at " + cut);
      assertEquals(response.length(), p.bytes(), "bytes, cut at " + cut);
    }
  }

  @Test
  void contentLength() throws Exception {
    eachSplit("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-A: b\r\n\r\nhello", false, 200, false);
    eachSplit("HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n", false, 404, false);
  }

  @Test
  void chunked() throws Exception {
    eachSplit(
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\na;ext=1\r\n0123456789\r\n0\r\nX-T: 1\r\n\r\n",
        false,
        200,
        false);
  }

  @Test
  void noBodyForHeadAnd204And304() throws Exception {
    eachSplit("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n", true, 200, false);
    eachSplit("HTTP/1.1 204 No Content\r\n\r\n", false, 204, false);
    eachSplit("HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n", false, 304, false);
  }

  @Test
  void connectionCloseAndHttp10() throws Exception {
    eachSplit(
        "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok", false, 200, true);
    eachSplit("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok", false, 200, true);
    eachSplit(
        "HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 2\r\n\r\nok",
        false,
        200,
        false);
  }

  @Test
  void interimResponsesAreSkipped() throws Exception {
    eachSplit(
        "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n",
        false,
        201,
        false);
  }

  @Test
  void bodyUntilCloseEndsWithTheConnection() throws Exception {
    ResponseParser p = new ResponseParser();
    p.reset(false);
    assertFalse(p.parse(buf("HTTP/1.1 200 OK\r\n\r\nsome body")));
    assertTrue(p.endsAtClose());
    assertTrue(p.closeAfter());
  }

  @Test
  void garbageIsRefused() {
    ResponseParser p = new ResponseParser();
    p.reset(false);
    assertThrows(
        ResponseParser.MalformedResponseException.class, () -> p.parse(buf("SSH-2.0-OpenSSH\r\n")));
    ResponseParser q = new ResponseParser();
    q.reset(false);
    assertThrows(
        ResponseParser.MalformedResponseException.class,
        () -> q.parse(buf("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")));
  }

  @Test
  void bytesAfterAResponseStayInTheBuffer() throws Exception {
    ResponseParser p = new ResponseParser();
    p.reset(false);
    ByteBuf b = buf("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokEXTRA");
    assertTrue(p.parse(b));
    assertEquals(5, b.readableBytes());
  }
}
