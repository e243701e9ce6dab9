package io.phonehome.simulator.state;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Reads an identity file (the DESIGN.md contract) into the identity a handset holds. */
public final class IdentityFile {
  private IdentityFile() {}

  public static Identity read(Path file) throws IOException {
    Object root;
    try (Reader r = Files.newBufferedReader(file)) {
      root = new Yaml(new SafeConstructor(new LoaderOptions())).load(r);
    } catch (RuntimeException e) {
      throw new IOException(file + ": not valid YAML: " + e.getMessage(), e);
    }
    if (root == null) {
      return Identity.empty();
    }
    if (!(root instanceof Map<?, ?> map)) {
      throw new IOException(file + ": an identity file is a mapping of identifier: value");
    }
    Map<String, String> values = new LinkedHashMap<>();
    List<String> contacts = new ArrayList<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String key = String.valueOf(e.getKey());
      Object v = e.getValue();
      if (key.equals("contacts")) {
        if (v instanceof List<?> list) {
          list.forEach(c -> contacts.add(String.valueOf(c)));
        } else if (v != null) {
          contacts.add(String.valueOf(v));
        }
      } else if (key.equals("canaries")) {
        continue; // planted by scenarios; the handset does not hold them
      } else if (v != null) {
        values.put(key, String.valueOf(v));
      }
    }
    return new Identity(values, contacts);
  }
}
