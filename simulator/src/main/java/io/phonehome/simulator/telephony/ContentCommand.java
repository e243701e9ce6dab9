package io.phonehome.simulator.telephony;

import io.phonehome.simulator.shell.ShellProgram;
import io.phonehome.simulator.state.Contact;
import io.phonehome.simulator.state.PhoneState;
import io.phonehome.simulator.state.SmsMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code content query --uri URI [--projection a:b:c] [--where "col=value AND ..."]} over
 * the SMS and contacts providers, printing Android's rows:
 * {@code Row: 0 _id=1, thread_id=1, address=+886922000111, person=NULL, date=1416830000000,
 * read=1, status=-1, type=2, body=hello there}, or {@code No result found.}. Supported
 * URIs: {@code content://sms}, {@code content://sms/sent}, {@code content://sms/inbox},
 * {@code content://com.android.contacts/data/phones} and {@code content://contacts/people}.
 * The where clause understands equality tests joined by AND, nothing more.
 *
 * <p>{@code content delete --uri URI [--where ...]} deletes as the providers do and, like
 * Android's tool, prints nothing: one message by {@code content://sms/ID} (or
 * {@code content://sms} with a where clause), one contact by
 * {@code content://com.android.contacts/contacts/ID}; the contacts provider deletes
 * nothing for {@code content://com.android.contacts/contacts} without an id.
 */
final class ContentCommand implements ShellProgram {
  private static final String USAGE = """
      usage: adb shell content [subcommand] [options]

      usage: adb shell content delete --uri <URI> [--user <USER_ID>] [--where <WHERE>]

      usage: adb shell content query --uri <URI> [--user <USER_ID>] [--projection <PROJECTION>] \
      [--where <WHERE>] [--sort <SORT_ORDER>]
        <PROJECTION> is a list of colon separated column names and is formatted:
        <COLUMN_NAME>[:<COLUMN_NAME>...]
        <WHERE> is a SQL style where clause without the WHERE key word.
      """;
  private static final Pattern TEST = Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*(?:'([^']*)'|\"([^\"]*)\"|(\\S+))\\s*");

  private final PhoneState state;

  ContentCommand(PhoneState state) {
    this.state = state;
  }

  @Override
  public Output run(List<String> args, byte[] stdin, boolean root) {
    if (args.isEmpty() || !List.of("query", "delete").contains(args.get(0))) {
      return new Output(new byte[0], USAGE, 1);
    }
    String uri = null;
    String projection = null;
    String where = null;
    for (int i = 1; i < args.size(); i++) {
      String a = args.get(i);
      if (i + 1 >= args.size()) {
        return new Output(new byte[0], "Error: missing value for " + a + "\n" + USAGE, 1);
      }
      String v = args.get(++i);
      switch (a) {
        case "--uri" -> uri = v;
        case "--projection" -> {
          if (args.get(0).equals("delete")) {
            return new Output(new byte[0], "Error: Unsupported argument: " + a + "\n" + USAGE, 1);
          }
          projection = v;
        }
        case "--where" -> where = v;
        case "--sort", "--user" -> { }
        default -> {
          return new Output(new byte[0], "Error: Unsupported argument: " + a + "\n" + USAGE, 1);
        }
      }
    }
    if (uri == null) {
      return new Output(new byte[0], "Error: Content provider URI not specified!\n" + USAGE, 1);
    }
    try {
      if (args.get(0).equals("delete")) {
        delete(uri, where);
        return Output.text("", 0);
      }
      return Output.text(query(uri, projection, where), 0);
    } catch (IllegalArgumentException e) {
      return new Output(new byte[0], "Error while accessing provider:" + authority(uri) + "\n"
          + e.getMessage() + "\n", 1);
    }
  }

  /** The rows of a query, formatted as the {@code content} tool prints them. */
  String query(String uri, String projection, String where) {
    List<Map<String, String>> rows = rows(uri);
    List<String> known = columns(uri);
    List<String[]> tests = where == null ? List.of() : parseWhere(where);
    List<String> asked = new ArrayList<>(tests.stream().map(t -> t[0]).toList());
    if (projection != null) {
      asked.addAll(List.of(projection.split(":")));
    }
    for (String c : asked) {
      if (!known.contains(c)) {
        throw new IllegalArgumentException(
            "android.database.sqlite.SQLiteException: no such column: " + c + " (code 1)");
      }
    }
    List<Map<String, String>> selected = new ArrayList<>();
    for (Map<String, String> row : rows) {
      boolean match = true;
      for (String[] t : tests) {
        match &= t[1].equals(String.valueOf(row.get(t[0])));
      }
      if (match) {
        selected.add(row);
      }
    }
    if (selected.isEmpty()) {
      return "No result found.\n";
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < selected.size(); i++) {
      Map<String, String> row = selected.get(i);
      List<String> columns = projection == null ? List.copyOf(row.keySet()) : List.of(projection.split(":"));
      List<String> cells = new ArrayList<>();
      for (String c : columns) {
        String v = row.get(c);
        cells.add(c + "=" + (v == null ? "NULL" : v));
      }
      out.append("Row: ").append(i).append(' ').append(String.join(", ", cells)).append('\n');
    }
    return out.toString();
  }

  /** Deletes what the URI (and where clause) selects, as the SMS and contacts providers do. */
  void delete(String uri, String where) {
    String u = uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    Matcher byId = Pattern.compile("(content://sms|content://com\\.android\\.contacts/contacts)/(\\d+)").matcher(u);
    if (byId.matches()) {
      long id = Long.parseLong(byId.group(2));
      if (byId.group(1).endsWith("sms")) {
        state.sms().remove(id);
      } else {
        state.contacts().remove(id);
      }
      return;
    }
    switch (u) {
      case "content://sms", "content://sms/sent", "content://sms/inbox" -> {
        List<String[]> tests = where == null ? List.of() : parseWhere(where);
        for (String[] t : tests) {
          if (!columns(u).contains(t[0])) {
            throw new IllegalArgumentException(
                "android.database.sqlite.SQLiteException: no such column: " + t[0] + " (code 1)");
          }
        }
        for (Map<String, String> row : rows(u)) {
          if (tests.stream().allMatch(t -> t[1].equals(String.valueOf(row.get(t[0]))))) {
            state.sms().remove(Long.parseLong(row.get("_id")));
          }
        }
      }
      case "content://com.android.contacts/contacts" -> { }
      default -> throw new IllegalArgumentException(
          "java.lang.UnsupportedOperationException: Unknown uri: " + uri);
    }
  }

  private List<Map<String, String>> rows(String uri) {
    String u = uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    List<Map<String, String>> rows = new ArrayList<>();
    switch (u) {
      case "content://sms", "content://sms/sent", "content://sms/inbox" -> {
        int type = u.endsWith("/sent") ? SmsMessage.TYPE_SENT : u.endsWith("/inbox") ? SmsMessage.TYPE_INBOX : 0;
        for (SmsMessage m : state.sms().all()) {
          if (type == 0 || m.type() == type) {
            rows.add(sms(m));
          }
        }
      }
      case "content://com.android.contacts/data/phones" -> {
        for (Contact c : state.contacts().all()) {
          Map<String, String> r = new LinkedHashMap<>();
          r.put("_id", Long.toString(c.id()));
          r.put("contact_id", Long.toString(c.id()));
          r.put("display_name", c.name());
          r.put("data1", c.number());
          r.put("data2", "2");
          r.put("mimetype", "vnd.android.cursor.item/phone_v2");
          rows.add(r);
        }
      }
      case "content://contacts/people" -> {
        for (Contact c : state.contacts().all()) {
          Map<String, String> r = new LinkedHashMap<>();
          r.put("_id", Long.toString(c.id()));
          r.put("name", c.name());
          r.put("number", c.number());
          rows.add(r);
        }
      }
      default -> throw new IllegalArgumentException(
          "java.lang.IllegalArgumentException: Unknown URL " + uri);
    }
    return rows;
  }

  private static List<String> columns(String uri) {
    if (uri.contains("sms")) {
      return List.copyOf(sms(new SmsMessage(0, 0, "", 0, 0, 0, 0, "")).keySet());
    }
    if (uri.contains("people")) {
      return List.of("_id", "name", "number");
    }
    return List.of("_id", "contact_id", "display_name", "data1", "data2", "mimetype");
  }

  private static Map<String, String> sms(SmsMessage m) {
    Map<String, String> r = new LinkedHashMap<>();
    r.put("_id", Long.toString(m.id()));
    r.put("thread_id", Long.toString(m.threadId()));
    r.put("address", m.address());
    r.put("person", null);
    r.put("date", Long.toString(m.date()));
    r.put("read", Integer.toString(m.read()));
    r.put("status", Integer.toString(m.status()));
    r.put("type", Integer.toString(m.type()));
    r.put("body", m.body());
    return r;
  }

  private static List<String[]> parseWhere(String where) {
    List<String[]> tests = new ArrayList<>();
    for (String part : where.split("(?i)\\s+AND\\s+")) {
      Matcher m = TEST.matcher(part);
      if (!m.matches()) {
        throw new IllegalArgumentException("android.database.sqlite.SQLiteException: near \""
            + part.trim() + "\": syntax error (code 1)");
      }
      String v = m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : m.group(4);
      tests.add(new String[] {m.group(1), v});
    }
    return tests;
  }

  private static String authority(String uri) {
    String rest = uri.startsWith("content://") ? uri.substring("content://".length()) : uri;
    int slash = rest.indexOf('/');
    return (slash < 0 ? rest : rest.substring(0, slash)).toLowerCase(Locale.ROOT);
  }
}
