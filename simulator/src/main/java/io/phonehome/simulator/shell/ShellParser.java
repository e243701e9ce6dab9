package io.phonehome.simulator.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses a command line the way {@code /system/bin/sh} does for the cases adb users write:
 * single and double quotes, backslashes, {@code $VAR}, {@code ;} {@code &&} {@code ||}
 * {@code &} {@code |}, comments and the redirections {@code > >> < 2> 2>&1}.
 */
final class ShellParser {
  private final String s;
  private int i;
  private final List<Object> tokens = new ArrayList<>();

  private ShellParser(String s) {
    this.s = s;
  }

  static Script parse(String line) throws ShellSyntaxException {
    ShellParser p = new ShellParser(line);
    p.tokenize();
    return p.build();
  }

  /** An operator token; words are {@link Script.Word}s. */
  private record Op(String text) {}

  private void tokenize() throws ShellSyntaxException {
    List<Script.Part> parts = new ArrayList<>();
    StringBuilder lit = new StringBuilder();
    boolean inWord = false;
    boolean quoted = false;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == ' ' || c == '\t' || c == '\r') {
        i++;
        if (inWord) {
          endWord(parts, lit);
          inWord = false;
          quoted = false;
        }
        continue;
      }
      if (c == '#' && !inWord) {
        while (i < s.length() && s.charAt(i) != '\n') {
          i++;
        }
        continue;
      }
      String op = operatorAt();
      if (op != null) {
        boolean fdPrefix = inWord && !quoted && parts.isEmpty() && lit.length() > 0
            && lit.chars().allMatch(Character::isDigit) && (op.startsWith(">") || op.equals("<"));
        if (fdPrefix) {
          tokens.add(new Op(lit + op));
          lit.setLength(0);
        } else {
          if (inWord) {
            endWord(parts, lit);
          }
          tokens.add(new Op(op.equals("\n") ? ";" : op));
        }
        inWord = false;
        quoted = false;
        i += op.length();
        continue;
      }
      inWord = true;
      if (c == '\'') {
        quoted = true;
        int end = s.indexOf('\'', i + 1);
        if (end < 0) {
          throw new ShellSyntaxException("no closing quote");
        }
        lit.append(s, i + 1, end);
        i = end + 1;
      } else if (c == '"') {
        quoted = true;
        i++;
        doubleQuoted(parts, lit);
      } else if (c == '\\') {
        if (i + 1 < s.length()) {
          if (s.charAt(i + 1) != '\n') {
            lit.append(s.charAt(i + 1));
          }
          i += 2;
        } else {
          i++;
        }
      } else if (c == '`' || s.startsWith("$(", i)) {
        substitution(parts, lit);
      } else if (c == '$') {
        variable(parts, lit);
      } else {
        lit.append(c);
        i++;
      }
    }
    if (inWord) {
      endWord(parts, lit);
    }
  }

  private void doubleQuoted(List<Script.Part> parts, StringBuilder lit)
      throws ShellSyntaxException {
    while (true) {
      if (i >= s.length()) {
        throw new ShellSyntaxException("no closing quote");
      }
      char c = s.charAt(i);
      if (c == '"') {
        i++;
        return;
      }
      if (c == '\\' && i + 1 < s.length() && "$`\"\\\n".indexOf(s.charAt(i + 1)) >= 0) {
        if (s.charAt(i + 1) != '\n') {
          lit.append(s.charAt(i + 1));
        }
        i += 2;
      } else if (c == '`' || s.startsWith("$(", i)) {
        substitution(parts, lit);
      } else if (c == '$') {
        variable(parts, lit);
      } else {
        lit.append(c);
        i++;
      }
    }
  }

  /** {@code $(LINE)} or {@code `LINE`}: the line is kept whole and run when the word expands. */
  private void substitution(List<Script.Part> parts, StringBuilder lit)
      throws ShellSyntaxException {
    int end;
    int from;
    if (s.charAt(i) == '`') {
      from = i + 1;
      end = s.indexOf('`', from);
      if (end < 0) {
        throw new ShellSyntaxException("no closing quote");
      }
    } else {
      from = i + 2;
      end = closingParen(from);
    }
    if (lit.length() > 0) {
      parts.add(new Script.Part(lit.toString(), Script.Kind.LITERAL));
      lit.setLength(0);
    }
    parts.add(new Script.Part(s.substring(from, end), Script.Kind.COMMAND));
    i = end + 1;
  }

  private int closingParen(int from) throws ShellSyntaxException {
    int depth = 1;
    for (int k = from; k < s.length(); k++) {
      char c = s.charAt(k);
      if (c == '\\') {
        k++;
      } else if (c == '\'' || c == '"') {
        int close = s.indexOf(c, k + 1);
        if (close < 0) {
          break;
        }
        k = close;
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return k;
      }
    }
    throw new ShellSyntaxException("syntax error: '$(' unmatched");
  }

  private void variable(List<Script.Part> parts, StringBuilder lit) throws ShellSyntaxException {
    int start = i + 1;
    String name = null;
    int next = start;
    if (start < s.length()) {
      char c = s.charAt(start);
      if (c == '{') {
        int end = s.indexOf('}', start);
        if (end < 0) {
          throw new ShellSyntaxException("${: bad substitution");
        }
        name = s.substring(start + 1, end);
        next = end + 1;
      } else if (c == '?' || c == '$' || c == '#' || Character.isDigit(c)) {
        name = String.valueOf(c);
        next = start + 1;
      } else if (Character.isLetter(c) || c == '_') {
        int end = start;
        while (end < s.length()
            && (Character.isLetterOrDigit(s.charAt(end)) || s.charAt(end) == '_')) {
          end++;
        }
        name = s.substring(start, end);
        next = end;
      }
    }
    if (name == null) {
      lit.append('$');
      i++;
      return;
    }
    if (lit.length() > 0) {
      parts.add(new Script.Part(lit.toString(), Script.Kind.LITERAL));
      lit.setLength(0);
    }
    parts.add(new Script.Part(name, Script.Kind.VARIABLE));
    i = next;
  }

  private String operatorAt() {
    for (String op : new String[] {"&&", "||", ">>", ">&", "&>", ";", "&", "|", ">", "<", "\n"}) {
      if (s.startsWith(op, i)) {
        return op;
      }
    }
    return null;
  }

  private void endWord(List<Script.Part> parts, StringBuilder lit) {
    if (lit.length() > 0 || parts.isEmpty()) {
      parts.add(new Script.Part(lit.toString(), Script.Kind.LITERAL));
    }
    tokens.add(new Script.Word(parts));
    parts.clear();
    lit.setLength(0);
  }

  private Script build() throws ShellSyntaxException {
    List<Script.Step> steps = new ArrayList<>();
    List<Script.Simple> pipeline = new ArrayList<>();
    List<Script.Word> words = new ArrayList<>();
    List<Script.Redirect> redirects = new ArrayList<>();
    String connector = ";";
    for (int t = 0; t < tokens.size(); t++) {
      Object tok = tokens.get(t);
      if (tok instanceof Script.Word w) {
        words.add(w);
        continue;
      }
      String op = ((Op) tok).text();
      int fd = -1;
      String bare = op;
      int k = 0;
      while (k < op.length() && Character.isDigit(op.charAt(k))) {
        k++;
      }
      if (k > 0) {
        fd = Integer.parseInt(op.substring(0, k));
        bare = op.substring(k);
      }
      if (bare.equals(">") || bare.equals(">>") || bare.equals("<") || bare.equals(">&")
          || bare.equals("&>")) {
        if (t + 1 >= tokens.size() || !(tokens.get(t + 1) instanceof Script.Word target)) {
          throw new ShellSyntaxException("syntax error: '" + op + "' unexpected");
        }
        t++;
        if (bare.equals("&>")) {
          redirects.add(new Script.Redirect(1, ">", target));
          redirects.add(new Script.Redirect(2, ">&", Script.Word.literal("1")));
        } else {
          int dflt = bare.equals("<") ? 0 : 1;
          redirects.add(new Script.Redirect(fd < 0 ? dflt : fd, bare, target));
        }
        continue;
      }
      if (words.isEmpty() && redirects.isEmpty()) {
        boolean trailingSeparator = (op.equals(";") || op.equals("&")) && pipeline.isEmpty();
        if (trailingSeparator && !steps.isEmpty()) {
          continue;
        }
        throw new ShellSyntaxException("syntax error: '" + op + "' unexpected");
      }
      pipeline.add(new Script.Simple(words, redirects));
      words = new ArrayList<>();
      redirects = new ArrayList<>();
      if (!op.equals("|")) {
        steps.add(new Script.Step(connector, pipeline));
        pipeline = new ArrayList<>();
        connector = op.equals("&") ? ";" : op;
      }
    }
    if (!words.isEmpty() || !redirects.isEmpty()) {
      pipeline.add(new Script.Simple(words, redirects));
    }
    if (!pipeline.isEmpty()) {
      steps.add(new Script.Step(connector, pipeline));
    } else if (!connector.equals(";")) {
      throw new ShellSyntaxException("syntax error: unexpected end of line");
    }
    return new Script(steps);
  }
}
