package io.salvo.cluster;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a cluster may send load: the hosts, address ranges and ports that the coordinator admits in
 * a run's plan and that each agent checks again before it runs its share.
 *
 * <p>The list is written as entries separated by commas or spaces; each is a host pattern with an
 * optional {@code :port} or {@code :low-high} (every port when absent):
 *
 * <ul>
 *   <li>{@code loopback}: 127.0.0.0/8, ::1 and {@code localhost} (the default);
 *   <li>a host name ({@code shop.test}), or every name under a domain ({@code *.staging.example});
 *   <li>an address or a range, {@code 10.0.0.7}, {@code 10.0.0.0/8}, {@code [fd00::]/8} (IPv6 in
 *       brackets, or bare when no port follows);
 *   <li>{@code *}: any host (the port rule still applies when given).
 * </ul>
 *
 * A target named by a host name is admitted when the name matches a name entry, or when every
 * address the name resolves to is inside an address entry (so a name cannot smuggle in an address
 * the list does not admit). Immutable and thread-safe.
 */
public final class TargetAllowList {
  /** The list of a cluster that nobody configured: this machine only. */
  public static final String DEFAULT = "loopback";

  /** Resolves a host name to its addresses; replaced in tests. */
  @FunctionalInterface
  public interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  private sealed interface Hosts permits AnyHost, Name, Range {}

  private record AnyHost() implements Hosts {}

  /** An exact name, or every name under {@code suffix} when {@code wildcard}. */
  private record Name(String name, boolean wildcard) implements Hosts {
    boolean matches(String host) {
      return wildcard ? host.endsWith("." + name) : host.equals(name);
    }
  }

  private record Range(byte[] network, int prefix) implements Hosts {
    boolean contains(InetAddress a) {
      byte[] b = a.getAddress();
      if (b.length != network.length) {
        return false;
      }
      int full = prefix / 8;
      for (int i = 0; i < full; i++) {
        if (b[i] != network[i]) {
          return false;
        }
      }
      int rest = prefix % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xff << (8 - rest)) & 0xff;
      return (b[full] & mask) == (network[full] & mask);
    }
  }

  private record Entry(Hosts hosts, int lowPort, int highPort) {
    boolean port(int p) {
      return p >= lowPort && p <= highPort;
    }
  }

  private final String text;
  private final List<Entry> entries;
  private final Resolver resolver;

  private TargetAllowList(String text, List<Entry> entries, Resolver resolver) {
    this.text = text;
    this.entries = entries;
    this.resolver = resolver;
  }

  /**
   * Parses a list.
   *
   * @param text the entries; null or blank means {@link #DEFAULT}
   * @throws IllegalArgumentException naming the entry that is not valid
   */
  public static TargetAllowList parse(String text) {
    return parse(text, InetAddress::getAllByName);
  }

  public static TargetAllowList parse(String text, Resolver resolver) {
    String t = text == null || text.isBlank() ? DEFAULT : text.trim();
    List<Entry> entries = new ArrayList<>();
    List<String> written = new ArrayList<>();
    for (String raw : t.split("[,\\s]+")) {
      if (!raw.isEmpty()) {
        entry(raw, entries);
        written.add(raw);
      }
    }
    if (entries.isEmpty()) {
      throw new IllegalArgumentException("the target allow-list '" + t + "' has no entry");
    }
    return new TargetAllowList(String.join(", ", written), List.copyOf(entries), resolver);
  }

  private static void entry(String raw, List<Entry> out) {
    String hosts = raw;
    int low = 1;
    int high = 65535;
    int portAt = portSeparator(raw);
    if (portAt >= 0) {
      hosts = raw.substring(0, portAt);
      String ports = raw.substring(portAt + 1);
      int dash = ports.indexOf('-');
      try {
        low = Integer.parseInt(dash < 0 ? ports : ports.substring(0, dash));
        high = dash < 0 ? low : Integer.parseInt(ports.substring(dash + 1));
      } catch (NumberFormatException e) {
        throw invalid(raw, "the port '" + ports + "' is not a number or a range such as 8000-8099");
      }
      if (low < 1 || high > 65535 || low > high) {
        throw invalid(raw, "ports are 1 to 65535, low to high");
      }
    }
    if (hosts.isEmpty()) {
      throw invalid(raw, "it names no host");
    }
    String h = hosts.toLowerCase(Locale.ROOT);
    if (h.equals("loopback")) {
      out.add(new Entry(range("127.0.0.0/8", raw), low, high));
      out.add(new Entry(range("::1", raw), low, high));
      out.add(new Entry(new Name("localhost", false), low, high));
    } else if (h.equals("*")) {
      out.add(new Entry(new AnyHost(), low, high));
    } else if (h.startsWith("*.")) {
      out.add(new Entry(new Name(checkedName(h.substring(2), raw), true), low, high));
    } else if (looksLikeAddress(h)) {
      out.add(new Entry(range(h, raw), low, high));
    } else {
      out.add(new Entry(new Name(checkedName(h, raw), false), low, high));
    }
  }

  /** Where the port follows the host in an entry, or -1. */
  private static int portSeparator(String raw) {
    if (raw.startsWith("[")) {
      int close = raw.indexOf(']');
      int colon = raw.indexOf(':', close < 0 ? 0 : close);
      return close >= 0 && colon > close ? colon : -1;
    }
    int first = raw.indexOf(':');
    // Two colons or more without brackets: a bare IPv6 address, no port.
    return first >= 0 && raw.indexOf(':', first + 1) < 0 ? first : -1;
  }

  private static boolean looksLikeAddress(String h) {
    String a = h.replace("[", "").replace("]", "");
    int slash = a.indexOf('/');
    String addr = slash < 0 ? a : a.substring(0, slash);
    return addr.contains(":") || addr.matches("[0-9.]+");
  }

  private static String checkedName(String name, String raw) {
    if (!name.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*")) {
      throw invalid(raw, "'" + name + "' is not a host name");
    }
    return name;
  }

  private static Range range(String spec, String raw) {
    String s = spec.replace("[", "").replace("]", "");
    int slash = s.indexOf('/');
    String addr = slash < 0 ? s : s.substring(0, slash);
    if (!addr.matches("[0-9.]+") && !addr.matches("[0-9a-f:.]+")) {
      throw invalid(raw, "'" + addr + "' is not an IP address");
    }
    byte[] network;
    try {
      // A literal address: getByName does not look anything up.
      network = InetAddress.getByName(addr).getAddress();
    } catch (UnknownHostException e) {
      throw invalid(raw, "'" + addr + "' is not an IP address");
    }
    if (addr.matches("[0-9.]+") && addr.split("\\.", -1).length != 4) {
      throw invalid(raw, "'" + addr + "' is not an IPv4 address of four numbers");
    }
    int bits = network.length * 8;
    int prefix = bits;
    if (slash >= 0) {
      try {
        prefix = Integer.parseInt(s.substring(slash + 1));
      } catch (NumberFormatException e) {
        throw invalid(raw, "the prefix length '" + s.substring(slash + 1) + "' is not a number");
      }
      if (prefix < 0 || prefix > bits) {
        throw invalid(raw, "the prefix length must be 0 to " + bits);
      }
    }
    return new Range(network, prefix);
  }

  private static IllegalArgumentException invalid(String raw, String why) {
    return new IllegalArgumentException(
        "target allow-list entry '" + raw + "' is not valid: " + why);
  }

  /** The list as configured, for messages and views. */
  @Override
  public String toString() {
    return text;
  }

  /**
   * Why load may not go to this origin, or empty when it may.
   *
   * @param origin an http(s) URL; its host and port (the scheme's default when absent) count
   */
  public Optional<String> refusal(URI origin) {
    String host = origin.getHost();
    if (host == null) {
      return Optional.of("'" + origin + "' names no host");
    }
    int port =
        origin.getPort() > 0 ? origin.getPort() : "https".equals(origin.getScheme()) ? 443 : 80;
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[")) {
      h = h.substring(1, h.length() - 1);
    }
    String where = "target host " + host + " (port " + port + ")";
    List<Entry> onPort = entries.stream().filter(e -> e.port(port)).toList();
    if (onPort.isEmpty()) {
      return Optional.of(where + " is not in the target allow-list (" + text + ")");
    }
    for (Entry e : onPort) {
      if (e.hosts() instanceof AnyHost) {
        return Optional.empty();
      }
    }
    boolean literal = looksLikeAddress(h);
    if (!literal) {
      for (Entry e : onPort) {
        if (e.hosts() instanceof Name n && n.matches(h)) {
          return Optional.empty();
        }
      }
    }
    InetAddress[] addresses;
    try {
      addresses = literal ? new InetAddress[] {InetAddress.getByName(h)} : resolver.resolve(h);
    } catch (UnknownHostException e) {
      return Optional.of(
          where + " is not in the target allow-list (" + text + ") and does not resolve");
    }
    for (InetAddress a : addresses) {
      boolean in = false;
      for (Entry e : onPort) {
        if (e.hosts() instanceof Range r && r.contains(a)) {
          in = true;
          break;
        }
      }
      if (!in) {
        return Optional.of(
            where
                + (literal ? "" : ", at " + a.getHostAddress() + ",")
                + " is not in the target allow-list ("
                + text
                + ")");
      }
    }
    return addresses.length == 0
        ? Optional.of(where + " is not in the target allow-list (" + text + ")")
        : Optional.empty();
  }

  /**
   * Why load may not go to one of these origins ({@code scheme://host:port}), or empty when it may
   * go to all of them.
   */
  public Optional<String> refusal(Iterable<String> origins) {
    for (String o : origins) {
      Optional<String> r = refusal(URI.create(o));
      if (r.isPresent()) {
        return r;
      }
    }
    return Optional.empty();
  }
}
