package io.phonehome.simulator.webdriver;

import io.phonehome.simulator.VirtualHandset;
import io.phonehome.simulator.android.DevicePorts;
import io.phonehome.simulator.android.InstrumentedServer;
import io.phonehome.simulator.android.Packages;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The UiAutomator2 server as the test APK of {@code io.appium.uiautomator2.server} runs it
 * on a phone: while instrumented it serves HTTP/1.1 (keep-alive) on device port 6790,
 * which the Appium driver reaches through {@code adb forward tcp:X tcp:6790}. It answers
 * with the handset's own WebDriver commands ({@link WebDriverEndpoint}, UiAutomator2
 * flavor), each run with sessions of its own; deleting the session shuts it down.
 */
public final class UiAutomator2Server implements InstrumentedServer {
  /** The package the server's instrumentation targets. */
  public static final String TARGET_PACKAGE = "io.appium.uiautomator2.server";
  /** The device port it listens on. */
  public static final int PORT = 6790;
  private static final int MAX_HEAD = 64 * 1024;
  private static final int MAX_BODY = 16 * 1024 * 1024;
  private static final long SHUTDOWN_DELAY_MS = 15;

  private final VirtualHandset handset;

  /** The server over this handset's screens. */
  public UiAutomator2Server(VirtualHandset handset) {
    this.handset = handset;
  }

  @Override
  public int port() {
    return PORT;
  }

  @Override
  public Run start(Packages.Package target, Runnable shutdown) {
    return new ServerRun(target, shutdown);
  }

  private final class ServerRun implements Run, UiAutomator2Commands.Server {
    private final Packages.Package target;
    private final Runnable shutdown;
    private final WebDriverEndpoint endpoint;
    private final Set<DevicePorts.Connection> open = ConcurrentHashMap.newKeySet();
    private volatile boolean stopped;

    ServerRun(Packages.Package target, Runnable shutdown) {
      this.target = target;
      this.shutdown = shutdown;
      this.endpoint = new WebDriverEndpoint(handset, handset.ui(), WebDriverEndpoint.Flavor.UIAUTOMATOR2, this);
      handset.state().log().log(0, 0, 'I', "AppiumUiAutomator2Server", "Starting Server on port " + PORT);
    }

    @Override
    public String version() {
      return target.manifest().versionName();
    }

    @Override
    public long versionCode() {
      return target.manifest().versionCode();
    }

    @Override
    public void shutdownSoon() {
      Thread t = new Thread(() -> {
        try {
          Thread.sleep(SHUTDOWN_DELAY_MS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        shutdown.run();
      }, "uia2-shutdown");
      t.setDaemon(true);
      t.start();
    }

    @Override
    public void stop() {
      stopped = true;
      for (DevicePorts.Connection c : open) {
        c.close();
      }
      open.clear();
    }

    @Override
    public void serve(DevicePorts.Connection connection) throws IOException {
      if (stopped) {
        connection.close();
        return;
      }
      open.add(connection);
      try {
        InputStream in = new BufferedInputStream(connection.input());
        OutputStream out = connection.output();
        while (!stopped) {
          String head = readHead(in);
          if (head == null) {
            return;
          }
          String[] requestLine = head.substring(0, head.indexOf("\r\n")).split(" ");
          if (requestLine.length < 3) {
            return;
          }
          byte[] body = readBody(in, head);
          String target = requestLine[1];
          int query = target.indexOf('?');
          WebDriverEndpoint.Reply reply = endpoint.respond(requestLine[0].toUpperCase(Locale.ROOT),
              query < 0 ? target : target.substring(0, query), body);
          boolean close = "close".equalsIgnoreCase(header(head, "Connection"))
              || requestLine[2].equals("HTTP/1.0");
          byte[] json = reply.body();
          String responseHead = "HTTP/1.1 " + reply.status() + " " + reason(reply.status()) + "\r\n"
              + "Content-Type: application/json; charset=utf-8\r\n"
              + "Content-Length: " + json.length + "\r\n"
              + (close ? "Connection: close\r\n" : "Connection: keep-alive\r\n") + "\r\n";
          out.write(responseHead.getBytes(StandardCharsets.ISO_8859_1));
          out.write(json);
          out.flush();
          if (close) {
            return;
          }
        }
      } finally {
        open.remove(connection);
        connection.close();
      }
    }
  }

  /** A request head up to its blank line, or null when the connection ended first. */
  static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        return null;
      }
      if (head.size() == 0 && (b == '\r' || b == '\n')) {
        continue;
      }
      head.write(b);
      if (head.size() > MAX_HEAD) {
        throw new IOException("request head longer than " + MAX_HEAD + " bytes");
      }
      matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
          ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  /** The body the head announces: {@code Content-Length} bytes, or chunked. */
  static byte[] readBody(InputStream in, String head) throws IOException {
    String length = header(head, "Content-Length");
    if (length != null) {
      int n;
      try {
        n = Integer.parseInt(length.trim());
      } catch (NumberFormatException e) {
        throw new IOException("bad Content-Length: " + length);
      }
      if (n < 0 || n > MAX_BODY) {
        throw new IOException("request body of " + n + " bytes is over " + MAX_BODY);
      }
      return in.readNBytes(n);
    }
    if ("chunked".equalsIgnoreCase(header(head, "Transfer-Encoding"))) {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      while (true) {
        String sizeLine = line(in);
        int semicolon = sizeLine.indexOf(';');
        int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
        if (size == 0) {
          while (!line(in).isEmpty()) {
            // trailers carry nothing the server reads
          }
          return body.toByteArray();
        }
        if (body.size() + size > MAX_BODY) {
          throw new IOException("chunked request body over " + MAX_BODY + " bytes");
        }
        body.write(in.readNBytes(size));
        line(in);
      }
    }
    return new byte[0];
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
      if (c != '\r') {
        b.write(c);
      }
    }
    return b.toString(StandardCharsets.ISO_8859_1);
  }

  /** A header's value, case-insensitive name; null when absent. */
  static String header(String head, String name) {
    String wanted = name.toLowerCase(Locale.ROOT) + ":";
    for (String line : head.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith(wanted)) {
        return line.substring(wanted.length()).trim();
      }
    }
    return null;
  }

  private static String reason(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 400 -> "Bad Request";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      default -> status >= 500 ? "Internal Server Error" : "Unknown";
    };
  }
}
