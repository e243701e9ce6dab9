package io.phonehome.farm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a Selenium Grid 4 hub's {@code GET /status} says: whether it is ready, and each
 * registered node with its availability and slots.
 *
 * @param ready true once at least one node is UP
 * @param message the hub's own words
 * @param nodes the registered nodes, as the hub lists them
 */
public record HubStatus(boolean ready, String message, List<Node> nodes) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Copies the list. */
  public HubStatus {
    nodes = List.copyOf(nodes);
  }

  /**
   * One registered node.
   *
   * @param uri the node's own URL
   * @param availability {@code UP}, {@code DOWN} or {@code DRAINING}
   * @param udids the {@code appium:udid} of each slot's stereotype, one per slot
   * @param busy how many slots run a session now
   */
  public record Node(URI uri, String availability, List<String> udids, int busy) {
    /** Copies the list. */
    public Node {
      udids = List.copyOf(udids);
    }

    /** Whether the hub routes sessions for this udid here now. */
    public boolean serves(String udid) {
      return "UP".equals(availability) && udids.contains(udid);
    }
  }

  /** Reads the JSON body of {@code GET /status}. */
  public static HubStatus parse(String json) throws IOException {
    JsonNode value = JSON.readTree(json).path("value");
    if (!value.isObject()) {
      throw new IOException("not a WebDriver status: no \"value\" object in " + abbreviate(json));
    }
    List<Node> nodes = new ArrayList<>();
    for (JsonNode n : value.path("nodes")) {
      List<String> udids = new ArrayList<>();
      int busy = 0;
      for (JsonNode slot : n.path("slots")) {
        udids.add(slot.path("stereotype").path("appium:udid").asText(""));
        if (!slot.path("session").isMissingNode() && !slot.path("session").isNull()) {
          busy++;
        }
      }
      nodes.add(new Node(URI.create(n.path("uri").asText("")), n.path("availability").asText(""), udids, busy));
    }
    return new HubStatus(value.path("ready").asBoolean(false), value.path("message").asText(""), nodes);
  }

  /** The node the hub lists at {@code uri}, if any. */
  public Optional<Node> node(URI uri) {
    return nodes.stream().filter(n -> same(n.uri(), uri)).findFirst();
  }

  /** Whether some node is UP with a slot for this udid. */
  public boolean serves(String udid) {
    return nodes.stream().anyMatch(n -> n.serves(udid));
  }

  private static boolean same(URI a, URI b) {
    return strip(a.toString()).equals(strip(b.toString()));
  }

  private static String strip(String u) {
    return u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
  }

  private static String abbreviate(String s) {
    String one = s.replaceAll("\\s+", " ");
    return one.length() > 200 ? one.substring(0, 200) + "..." : one;
  }
}
