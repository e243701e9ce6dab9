package io.phonehome.device.phone;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rows printed by {@code content query}:
 *
 * <pre>
 * Row: 0 _id=1, thread_id=1, address=+886922000111, person=NULL, body=hello, there, type=2
 * </pre>
 *
 * Android prints {@code key=value} joined by {@code ", "} without quoting, so a value may
 * itself hold {@code ", "} (an SMS body with commas) or even {@code ", word="}. Every row of
 * one query has the same columns in the same order, so the columns are the keys that
 * start a field in every row, in order; a {@code ", key="} inside a value whose key is
 * not such a column stays in the value. A line that does not start with {@code Row: }
 * continues the value of the row before it (a body with a line break). Nulls are kept as
 * Android prints them: {@code NULL}.
 */
public final class ContentRows {
  private static final Pattern ROW = Pattern.compile("^Row: \\d+ ");
  private static final Pattern FIELD_START = Pattern.compile("(?:^|, )([A-Za-z_][A-Za-z0-9_]*)=");

  private ContentRows() {}

  /** The rows, each an ordered column-to-value map; empty for {@code No result found.} */
  public static List<Map<String, String>> parse(String output) {
    List<String> rows = rowTexts(output);
    if (rows.isEmpty()) {
      return List.of();
    }
    List<String> columns = commonColumns(rows);
    List<Map<String, String>> result = new ArrayList<>();
    for (String row : rows) {
      result.add(Collections.unmodifiableMap(split(row, columns)));
    }
    return List.copyOf(result);
  }

  private static List<String> rowTexts(String output) {
    List<String> rows = new ArrayList<>();
    String text = output == null ? "" : output.replace("\r\n", "\n").replace('\r', '\n');
    StringBuilder current = null;
    for (String line : text.split("\n", -1)) {
      Matcher m = ROW.matcher(line);
      if (m.find()) {
        if (current != null) {
          rows.add(stripTrailingNewlines(current.toString()));
        }
        current = new StringBuilder(line.substring(m.end()));
      } else if (current != null) {
        current.append('\n').append(line);
      }
    }
    if (current != null) {
      rows.add(stripTrailingNewlines(current.toString()));
    }
    return rows;
  }

  private static String stripTrailingNewlines(String s) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == '\n') {
      end--;
    }
    return s.substring(0, end);
  }

  /** Keys that can start a field, in order, kept only where every row has them in that order. */
  private static List<String> commonColumns(List<String> rows) {
    List<String> common = null;
    for (String row : rows) {
      List<String> keys = candidateKeys(row);
      common = common == null ? keys : longestCommonSubsequence(common, keys);
    }
    return common;
  }

  private static List<String> candidateKeys(String row) {
    List<String> keys = new ArrayList<>();
    Matcher m = FIELD_START.matcher(row);
    while (m.find()) {
      keys.add(m.group(1));
    }
    return keys;
  }

  private static List<String> longestCommonSubsequence(List<String> a, List<String> b) {
    int[][] len = new int[a.size() + 1][b.size() + 1];
    for (int i = a.size() - 1; i >= 0; i--) {
      for (int j = b.size() - 1; j >= 0; j--) {
        len[i][j] = a.get(i).equals(b.get(j))
            ? len[i + 1][j + 1] + 1
            : Math.max(len[i + 1][j], len[i][j + 1]);
      }
    }
    List<String> out = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < a.size() && j < b.size()) {
      if (a.get(i).equals(b.get(j))) {
        out.add(a.get(i));
        i++;
        j++;
      } else if (len[i + 1][j] >= len[i][j + 1]) {
        i++;
      } else {
        j++;
      }
    }
    return out;
  }

  /**
   * Splits one row at the boundaries of the known columns, in order. For each column the
   * first {@code ", column="} after the previous field wins; with a single row every
   * {@code ", key="} is a column, which is the best that can be told from one row.
   */
  private static Map<String, String> split(String row, List<String> columns) {
    Map<String, String> fields = new LinkedHashMap<>();
    List<int[]> starts = new ArrayList<>();
    int from = 0;
    for (String column : columns) {
      String head = column + "=";
      int at;
      if (from == 0 && row.startsWith(head)) {
        at = 0;
      } else {
        int sep = row.indexOf(", " + head, from);
        if (sep < 0) {
          continue;
        }
        at = sep + 2;
      }
      starts.add(new int[] {at, at + head.length()});
      from = at + head.length();
    }
    for (int k = 0; k < starts.size(); k++) {
      int[] s = starts.get(k);
      int end = k + 1 < starts.size() ? starts.get(k + 1)[0] - 2 : row.length();
      String key = row.substring(s[0], s[1] - 1);
      fields.put(key, row.substring(s[1], Math.max(s[1], end)));
    }
    return fields;
  }
}
