package io.phonehome.report;

import io.phonehome.audit.AuditResult;
import io.phonehome.consent.JudgedFinding;
import io.phonehome.detect.Finding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * How one device's builds compare, installed in order: each leak (identifier, host,
 * channel) of consecutive builds is {@code new}, {@code fixed} or {@code persisting}.
 * A leak is a finding not consented: unconsented, or unverifiable (content hidden by
 * pinned TLS or QUIC, identifier {@code unknown}). Written as firmware-diff.json
 * (docs/firmware-diff.md).
 */
public record FirmwareDiff(String device, List<String> builds, List<Change> changes) {
  public FirmwareDiff {
    builds = List.copyOf(builds);
    changes = List.copyOf(changes);
  }

  /** One leak between two consecutive builds. */
  public record Change(String from, String to, String identifier, String host, String channel, String status) {}

  /** What identifies a leak across builds. */
  public record Leak(String identifier, String host, String channel) implements Comparable<Leak> {
    @Override
    public int compareTo(Leak o) {
      return (identifier + " " + host + " " + channel).compareTo(o.identifier + " " + o.host + " " + o.channel);
    }
  }

  /** The leaks among these audits' findings. */
  public static Set<Leak> leaks(List<AuditResult> audits) {
    Set<Leak> out = new TreeSet<>();
    for (AuditResult a : audits) {
      for (JudgedFinding j : a.findings()) {
        if (!j.consented()) {
          Finding f = j.finding();
          out.add(new Leak(f.identifier(), f.host(), f.channel().wireName()));
        }
      }
    }
    return out;
  }

  /** Compares consecutive builds, in the order given. */
  public static FirmwareDiff compare(String device, Map<String, Set<Leak>> leaksByBuild) {
    List<String> builds = new ArrayList<>(leaksByBuild.keySet());
    List<Change> changes = new ArrayList<>();
    for (int i = 1; i < builds.size(); i++) {
      String from = builds.get(i - 1);
      String to = builds.get(i);
      Set<Leak> before = leaksByBuild.get(from);
      Set<Leak> after = leaksByBuild.get(to);
      Set<Leak> all = new TreeSet<>(before);
      all.addAll(after);
      for (Leak l : all) {
        String status = before.contains(l) ? (after.contains(l) ? "persisting" : "fixed") : "new";
        changes.add(new Change(from, to, l.identifier(), l.host(), l.channel(), status));
      }
    }
    return new FirmwareDiff(device, builds, changes);
  }

  /** The builds x leaks matrix for the report: one row per leak, "x" where a build has it. */
  public static String matrix(Map<String, Set<Leak>> leaksByBuild) {
    Set<Leak> rows = new TreeSet<>();
    leaksByBuild.values().forEach(rows::addAll);
    List<String> builds = new ArrayList<>(leaksByBuild.keySet());
    Map<Leak, String> labels = new LinkedHashMap<>();
    int width = "leak (identifier host channel)".length();
    for (Leak l : rows) {
      String label = l.identifier() + " " + l.host() + " " + l.channel();
      labels.put(l, label);
      width = Math.max(width, label.length());
    }
    StringBuilder sb = new StringBuilder(String.format("%-" + width + "s", "leak (identifier host channel)"));
    builds.forEach(b -> sb.append(" | ").append(b));
    sb.append('\n');
    for (Map.Entry<Leak, String> row : labels.entrySet()) {
      sb.append(String.format("%-" + width + "s", row.getValue()));
      for (String b : builds) {
        String cell = leaksByBuild.get(b).contains(row.getKey()) ? "x" : "-";
        sb.append(" | ").append(String.format("%-" + b.length() + "s", cell));
      }
      sb.append('\n');
    }
    if (rows.isEmpty()) {
      sb.append("(no build leaked anything)\n");
    }
    return sb.toString();
  }

  /** The same matrix as an HTML table, for the report. */
  public static String matrixHtml(Map<String, Set<Leak>> leaksByBuild) {
    Set<Leak> rows = new TreeSet<>();
    leaksByBuild.values().forEach(rows::addAll);
    StringBuilder h = new StringBuilder("<table border=\"1\" cellpadding=\"4\" style=\"border-collapse:collapse\">"
        + "<tr><th>identifier</th><th>host</th><th>channel</th>");
    leaksByBuild.keySet().forEach(b -> h.append("<th>").append(escape(b)).append("</th>"));
    h.append("</tr>");
    for (Leak l : rows) {
      h.append("<tr><td>").append(escape(l.identifier())).append("</td><td>").append(escape(l.host()))
          .append("</td><td>").append(escape(l.channel())).append("</td>");
      for (Set<Leak> build : leaksByBuild.values()) {
        h.append(build.contains(l) ? "<td style=\"background:#f4b6b6\">leaks</td>" : "<td>-</td>");
      }
      h.append("</tr>");
    }
    return h.append("</table>").toString();
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** Counts of each status, for a summary line. */
  public Map<String, Integer> counts() {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (String s : new LinkedHashSet<>(List.of("fixed", "persisting", "new"))) {
      out.put(s, (int) changes.stream().filter(c -> c.status().equals(s)).count());
    }
    return out;
  }
}
