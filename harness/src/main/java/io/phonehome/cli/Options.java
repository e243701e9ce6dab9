package io.phonehome.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code --name value} options of one command; unknown or repeated ones are refused. */
record Options(Map<String, String> values) {
  static Options parse(String[] args, String... allowed) throws UsageException {
    Set<String> known = Set.of(allowed);
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (!known.contains(name)) {
        throw new UsageException("unknown option '" + name + "' (allowed: " + String.join(", ", allowed) + ")");
      }
      if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
        throw new UsageException(name + " needs a value");
      }
      if (values.put(name, args[++i]) != null) {
        throw new UsageException(name + " given twice");
      }
    }
    return new Options(values);
  }

  Optional<String> get(String name) {
    return Optional.ofNullable(values.get(name));
  }
}
