package io.phonehome.audit;

import io.phonehome.consent.JudgedFinding;
import io.phonehome.detect.Finding;
import java.util.ArrayList;
import java.util.List;

/**
 * The terminal table of an audit: one row per finding, columns aligned
 * ({@code flow | channel | host | identifier | encoding | where | consented}), then a
 * summary line (saying {@code incomplete} and what, when part of the capture was skipped)
 * and the notes. {@code where} is the location and the part
 * ({@code body (field imei)}, {@code header (X-Device)}), or for a flow a limit kept from
 * being read whole the limit ({@code none (body past the 16 MiB inflate cap (gzip))},
 * consented {@code unverifiable}); cells longer than 60
 * characters are cut with {@code ...} so a row stays on one terminal line.
 */
public final class AuditTable {
  private static final List<String> HEADINGS =
      List.of("flow", "channel", "host", "identifier", "encoding", "where", "consented");
  private static final int MAX_CELL = 60;

  private AuditTable() {}

  public static String render(AuditResult result) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(HEADINGS);
    for (JudgedFinding judged : result.findings()) {
      Finding f = judged.finding();
      String where = f.location().wireName();
      // a channel's hidden content has no place to name; an unread flow names the limit it ran into
      boolean placeless = f.isHidden() && !f.isUnread();
      String location = f.detail().isEmpty() || placeless || f.detail().equals(where) ? where : where + " (" + f.detail() + ")";
      rows.add(List.of(String.valueOf(f.flow()), f.channel().wireName(), cut(f.host()), f.identifier(),
          cut(f.encoding()), cut(location), consented(judged)));
    }
    int[] widths = new int[HEADINGS.size()];
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        if (i > 0) {
          line.append(" | ");
        }
        line.append(pad(row.get(i), widths[i]));
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    out.append(summary(result)).append('\n');
    for (String note : result.notes()) {
      out.append("note: ").append(note).append('\n');
    }
    return out.toString();
  }

  /**
   * One line per identifier finding with the verdict's reason: which policy rule allowed
   * it, or why none did ({@code flow 1 phone-number to api.x.com: allowed by ...}).
   * Empty when there is no such finding.
   */
  public static String reasons(AuditResult result) {
    StringBuilder out = new StringBuilder();
    for (JudgedFinding judged : result.findings()) {
      Finding f = judged.finding();
      if (f.isHidden()) {
        continue;
      }
      if (out.length() == 0) {
        out.append("why:\n");
      }
      out.append("  ").append(f.flowId()).append(' ').append(f.identifier()).append(" to ")
          .append(f.host()).append(": ").append(judged.verdict().reason()).append('\n');
    }
    return out.toString();
  }

  private static String consented(JudgedFinding judged) {
    if (judged.unverifiable()) {
      return "unverifiable";
    }
    return judged.consented() ? "yes" : "NO";
  }

  /**
   * {@code 3 flows, 2 findings: 1 unconsented, 1 unverifiable}, and when part of the
   * capture was skipped {@code ; incomplete: capture.har: entry 0 skipped (...)}.
   */
  static String summary(AuditResult result) {
    return count(result.flows(), "flow") + ", " + count(result.findings().size(), "finding") + ": "
        + result.unconsented().size() + " unconsented, "
        + result.unverifiable().size() + " unverifiable"
        + (result.isIncomplete() ? "; " + result.describeIncomplete() : "");
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  private static String cut(String cell) {
    return cell.length() <= MAX_CELL ? cell : cell.substring(0, MAX_CELL - 3) + "...";
  }

  private static String pad(String text, int width) {
    return text + " ".repeat(width - text.length());
  }
}
