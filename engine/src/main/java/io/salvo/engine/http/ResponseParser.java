package io.salvo.engine.http;

import io.netty.buffer.ByteBuf;

/**
 * An incremental HTTP/1.1 response parser that reads what a load generator needs and skips the
 * rest: the status, the framing ({@code Content-Length}, chunked, until-close) and whether the
 * connection stays open. It allocates nothing per response unless the request asked to keep
 * headers, Set-Cookie headers or the body (see {@link Response}).
 */
final class ResponseParser {
  private static final int STATUS = 0;
  private static final int HEADERS = 1;
  private static final int BODY = 2;
  private static final int CHUNK_SIZE = 3;
  private static final int CHUNK_DATA = 4;
  private static final int CHUNK_END = 5;
  private static final int TRAILERS = 6;
  private static final int UNTIL_CLOSE = 7;
  private static final int DONE = 8;

  private static final int MAX_LINE = 64 * 1024;
  private static final byte[] CONTENT_LENGTH = "content-length:".getBytes();
  private static final byte[] TRANSFER_ENCODING = "transfer-encoding:".getBytes();
  private static final byte[] CONNECTION = "connection:".getBytes();
  private static final byte[] SET_COOKIE = "set-cookie:".getBytes();

  /** Thrown for bytes that are not an HTTP/1.x response; carries no stack trace. */
  static final class MalformedResponseException extends Exception {
    MalformedResponseException(String message) {
      super(message, null, false, false);
    }
  }

  private int state = DONE;
  private boolean headRequest;
  private int status;
  private long contentLength;
  private boolean chunked;
  private boolean close;
  private long remaining;
  private long bytes;
  private byte[] line = new byte[256];
  private int lineLength;
  private Response capture;

  /** Prepares for the response to a new request; {@code capture} keeps what it asks for. */
  void reset(boolean head, Response capture) {
    this.capture = capture;
    restart(head);
  }

  /** Prepares for the response to a new request, keeping nothing of it. */
  void reset(boolean head) {
    reset(head, null);
  }

  private void restart(boolean head) {
    state = STATUS;
    headRequest = head;
    status = 0;
    contentLength = -1;
    chunked = false;
    close = false;
    bytes = 0;
    lineLength = 0;
  }

  int status() {
    return status;
  }

  /** Bytes of the current response read so far, headers included. */
  long bytes() {
    return bytes;
  }

  /** Whether the server will close the connection after this response. */
  boolean closeAfter() {
    return close;
  }

  boolean inProgress() {
    return state != DONE;
  }

  /** Whether the body runs until the connection closes, so a close completes the response. */
  boolean endsAtClose() {
    return state == UNTIL_CLOSE;
  }

  /**
   * Consumes bytes of {@code buf}.
   *
   * @return true when the response is complete; bytes after it are left unread in {@code buf}
   */
  boolean parse(ByteBuf buf) throws MalformedResponseException {
    int i = buf.readerIndex();
    int end = buf.writerIndex();
    try {
      while (i < end) {
        switch (state) {
          case BODY, CHUNK_DATA -> {
            int n = (int) Math.min(remaining, end - i);
            if (capture != null && capture.wantsBody()) {
              capture.body(buf, i, n);
            }
            i += n;
            remaining -= n;
            if (remaining == 0) {
              state = state == BODY ? DONE : CHUNK_END;
            }
          }
          case UNTIL_CLOSE -> {
            if (capture != null && capture.wantsBody()) {
              capture.body(buf, i, end - i);
            }
            i = end;
          }
          case DONE -> {
            return true;
          }
          default -> {
            int lf = buf.indexOf(i, end, (byte) '\n');
            int stop = lf < 0 ? end : lf;
            append(buf, i, stop);
            i = lf < 0 ? end : lf + 1;
            if (lf >= 0) {
              line();
              lineLength = 0;
            }
          }
        }
        if (state == DONE) {
          return true;
        }
      }
      return state == DONE;
    } finally {
      bytes += i - buf.readerIndex();
      buf.readerIndex(i);
    }
  }

  private void append(ByteBuf buf, int from, int to) throws MalformedResponseException {
    int n = to - from;
    if (lineLength + n > line.length) {
      if (lineLength + n > MAX_LINE) {
        throw new MalformedResponseException(
            "a response line is longer than " + MAX_LINE + " bytes");
      }
      line = java.util.Arrays.copyOf(line, Math.max(line.length * 2, lineLength + n));
    }
    buf.getBytes(from, line, lineLength, n);
    lineLength += n;
  }

  private void line() throws MalformedResponseException {
    int len = lineLength;
    if (len > 0 && line[len - 1] == '\r') {
      len--;
    }
    switch (state) {
      case STATUS -> statusLine(len);
      case HEADERS -> {
        if (len == 0) {
          endOfHeaders();
        } else {
          header(len);
        }
      }
      case CHUNK_SIZE -> chunkSize(len);
      case CHUNK_END -> {
        if (len != 0) {
          throw new MalformedResponseException("chunk data is not followed by CRLF");
        }
        state = CHUNK_SIZE;
      }
      case TRAILERS -> {
        if (len == 0) {
          state = DONE;
        }
      }
      default -> throw new IllegalStateException("state " + state);
    }
  }

  private void statusLine(int len) throws MalformedResponseException {
    // HTTP/1.1 200 OK
    if (len < 12
        || line[0] != 'H'
        || line[1] != 'T'
        || line[2] != 'T'
        || line[3] != 'P'
        || line[4] != '/'
        || line[5] != '1'
        || line[6] != '.'
        || line[8] != ' ') {
      throw new MalformedResponseException("not an HTTP/1.x status line");
    }
    int s = 0;
    for (int k = 9; k < 12; k++) {
      byte b = line[k];
      if (b < '0' || b > '9') {
        throw new MalformedResponseException("status is not a number");
      }
      s = s * 10 + (b - '0');
    }
    status = s;
    close = line[7] == '0';
    state = HEADERS;
  }

  private void header(int len) {
    if (capture != null && capture.capture() != 0) {
      keep(len);
    }
    if (startsWith(CONTENT_LENGTH, len)) {
      long v = 0;
      for (int k = CONTENT_LENGTH.length; k < len; k++) {
        byte b = line[k];
        if (b >= '0' && b <= '9') {
          v = v * 10 + (b - '0');
        }
      }
      contentLength = v;
    } else if (startsWith(TRANSFER_ENCODING, len)) {
      chunked = contains("chunked", TRANSFER_ENCODING.length, len);
    } else if (startsWith(CONNECTION, len)) {
      if (contains("close", CONNECTION.length, len)) {
        close = true;
      } else if (contains("keep-alive", CONNECTION.length, len)) {
        close = false;
      }
    }
  }

  /** Hands a header to the capture: every header, or only Set-Cookie. */
  private void keep(int len) {
    boolean cookie = startsWith(SET_COOKIE, len);
    if (!capture.wantsHeaders() && !(cookie && capture.wantsCookies())) {
      return;
    }
    int colon = 0;
    while (colon < len && line[colon] != ':') {
      colon++;
    }
    if (colon == len) {
      return;
    }
    String name =
        new String(line, 0, colon, java.nio.charset.StandardCharsets.ISO_8859_1)
            .trim()
            .toLowerCase(java.util.Locale.ROOT);
    String value =
        new String(line, colon + 1, len - colon - 1, java.nio.charset.StandardCharsets.UTF_8)
            .trim();
    capture.header(name, value);
  }

  private void endOfHeaders() {
    if (status >= 100 && status < 200 && status != 101) {
      // An interim response (100 Continue): the real one follows on the same connection.
      long keep = bytes;
      restart(headRequest);
      bytes = keep;
      if (capture != null) {
        capture.reset(capture.capture());
      }
      return;
    }
    if (headRequest || status == 204 || status == 304) {
      state = DONE;
    } else if (chunked) {
      state = CHUNK_SIZE;
    } else if (contentLength >= 0) {
      remaining = contentLength;
      state = remaining == 0 ? DONE : BODY;
    } else {
      close = true;
      state = UNTIL_CLOSE;
    }
  }

  private void chunkSize(int len) throws MalformedResponseException {
    long size = 0;
    int digits = 0;
    for (int k = 0; k < len; k++) {
      byte b = line[k];
      int d = Character.digit(b, 16);
      if (d < 0) {
        break;
      }
      size = size * 16 + d;
      digits++;
    }
    if (digits == 0) {
      throw new MalformedResponseException("bad chunk size");
    }
    if (size == 0) {
      state = TRAILERS;
    } else {
      remaining = size;
      state = CHUNK_DATA;
    }
  }

  private boolean startsWith(byte[] lowerName, int len) {
    if (len < lowerName.length) {
      return false;
    }
    for (int k = 0; k < lowerName.length; k++) {
      byte b = line[k];
      if (b >= 'A' && b <= 'Z') {
        b += 32;
      }
      if (b != lowerName[k]) {
        return false;
      }
    }
    return true;
  }

  private boolean contains(String lowerWord, int from, int len) {
    outer:
    for (int k = from; k + lowerWord.length() <= len; k++) {
      for (int j = 0; j < lowerWord.length(); j++) {
        byte b = line[k + j];
        if (b >= 'A' && b <= 'Z') {
          b += 32;
        }
        if (b != lowerWord.charAt(j)) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
