package io.phonehome.simulator.shell;

import java.util.List;
import java.util.Map;

/**
 * What an Android 8+ shell adds to the 4.x one, for the tools that drive it: {@code [}
 * and {@code test}, {@code exec} (adb's {@code logcat} runs {@code exec logcat}), and a
 * {@code logcat} that follows the log.
 */
final class ToyboxCommands {
  private ToyboxCommands() {}

  static void register(Map<String, Command> commands) {
    commands.put("[", (args, io, s) -> {
      if (args.isEmpty() || !args.get(args.size() - 1).equals("]")) {
        io.error("[: missing ]");
        return 2;
      }
      return test(args.subList(0, args.size() - 1), s);
    });
    commands.put("test", (args, io, s) -> test(args, s));
    commands.put("exec", (args, io, s) -> args.isEmpty() ? 0 : s.shell().interpreter().runWords(args, io, s));
    commands.put("logcat", LogcatCommand.following());
  }

  /** The exit status of {@code test EXPR}: 0 true, 1 false, 2 an expression it cannot read. */
  static int test(List<String> expr, Session s) {
    if (!expr.isEmpty() && expr.get(0).equals("!")) {
      int inner = test(expr.subList(1, expr.size()), s);
      return inner == 2 ? 2 : 1 - inner;
    }
    return switch (expr.size()) {
      case 0 -> 1;
      case 1 -> expr.get(0).isEmpty() ? 1 : 0;
      case 2 -> unary(expr.get(0), expr.get(1), s);
      case 3 -> binary(expr.get(0), expr.get(1), expr.get(2));
      default -> 2;
    };
  }

  private static int unary(String op, String operand, Session s) {
    String path = s.resolve(operand);
    var fs = s.shell().fs();
    boolean result = switch (op) {
      case "-e" -> fs.exists(path);
      case "-f" -> fs.read(path).isPresent();
      case "-d" -> fs.isDirectory(path);
      case "-s" -> fs.read(path).map(e -> e.content().length > 0).orElse(false);
      case "-r", "-w" -> fs.exists(path);
      case "-z" -> operand.isEmpty();
      case "-n" -> !operand.isEmpty();
      default -> false;
    };
    return result ? 0 : 1;
  }

  private static int binary(String left, String op, String right) {
    try {
      boolean result = switch (op) {
        case "=", "==" -> left.equals(right);
        case "!=" -> !left.equals(right);
        case "-eq" -> Long.parseLong(left) == Long.parseLong(right);
        case "-ne" -> Long.parseLong(left) != Long.parseLong(right);
        case "-lt" -> Long.parseLong(left) < Long.parseLong(right);
        case "-le" -> Long.parseLong(left) <= Long.parseLong(right);
        case "-gt" -> Long.parseLong(left) > Long.parseLong(right);
        case "-ge" -> Long.parseLong(left) >= Long.parseLong(right);
        default -> false;
      };
      return result ? 0 : 1;
    } catch (NumberFormatException e) {
      return 2;
    }
  }
}
