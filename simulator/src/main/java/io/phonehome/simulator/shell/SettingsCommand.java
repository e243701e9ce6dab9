package io.phonehome.simulator.shell;

import io.phonehome.simulator.state.Settings;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code settings [--user N] get|put|delete|list namespace ...}, as Android's SettingsCmd. */
final class SettingsCommand implements Command {
  private static final String USAGE = """
      usage:  settings [--user NUM] get namespace key
              settings [--user NUM] put namespace key value
              settings [--user NUM] delete namespace key
              settings [--user NUM] list namespace

      'namespace' is one of {system, secure, global}, case-insensitive
      If '--user NUM' is not given, the operations are performed on the owner user.
      """;

  @Override
  public int run(List<String> args, Io io, Session s) {
    int i = 0;
    if (i < args.size() && args.get(i).equals("--user")) {
      i += 2;
    }
    if (i >= args.size()) {
      return usage(io);
    }
    String verb = args.get(i++).toLowerCase(Locale.ROOT);
    if (!List.of("get", "put", "delete", "list").contains(verb)) {
      io.error("Invalid command: " + args.get(i - 1));
      return usage(io);
    }
    if (i >= args.size()) {
      return usage(io);
    }
    String namespace = args.get(i++).toLowerCase(Locale.ROOT);
    if (!Settings.isNamespace(namespace)) {
      io.error("Invalid namespace '" + args.get(i - 1) + "'");
      return usage(io);
    }
    int operands = switch (verb) {
      case "put" -> 2;
      case "list" -> 0;
      default -> 1;
    };
    if (args.size() - i != operands) {
      if (args.size() - i > operands) {
        io.error("Too many arguments");
      }
      return usage(io);
    }
    Settings settings = s.shell().state().settings();
    switch (verb) {
      case "get" -> io.println(String.valueOf(settings.get(namespace, args.get(i))));
      case "put" -> settings.put(namespace, args.get(i), args.get(i + 1));
      case "delete" -> {
        boolean existed = settings.get(namespace, args.get(i)) != null;
        settings.delete(namespace, args.get(i));
        io.println("Deleted " + (existed ? 1 : 0) + " rows");
      }
      default -> {
        for (Map.Entry<String, String> e : settings.list(namespace).entrySet()) {
          io.println(e.getKey() + "=" + e.getValue());
        }
      }
    }
    return 0;
  }

  private static int usage(Io io) {
    io.printErr(USAGE);
    return 1;
  }
}
