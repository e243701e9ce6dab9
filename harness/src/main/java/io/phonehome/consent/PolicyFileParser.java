package io.phonehome.consent;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Reads a consent policy file with snakeyaml's node API, so every error has its line. */
final class PolicyFileParser {
  private static final String ALWAYS = "always-allowed";
  private static final String SWITCHES = "switches";
  private static final Set<String> TOP_KEYS = Set.of(ALWAYS, SWITCHES);
  private static final Set<String> RULE_KEYS = Set.of("to", "data");

  private final Path file;

  private PolicyFileParser(Path file) {
    this.file = file;
  }

  static ConsentPolicyFile parse(Path file) throws PolicyFileException {
    return new PolicyFileParser(file).parse();
  }

  private ConsentPolicyFile parse() throws PolicyFileException {
    Node root;
    try (Reader r = Files.newBufferedReader(file)) {
      root = new Yaml(new LoaderOptions()).compose(r);
    } catch (NoSuchFileException e) {
      throw new PolicyFileException(file, 0, "no such file (give the path of a consent policy YAML file)");
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
      throw new PolicyFileException(file, line, "not valid YAML: " + e.getProblem()
          + " (a policy is a YAML mapping with 'always-allowed:' and/or 'switches:')");
    } catch (YAMLException e) {
      throw new PolicyFileException(file, 1, "not valid YAML: " + e.getMessage());
    } catch (IOException e) {
      throw new PolicyFileException(file, 0, "cannot read: " + e.getMessage());
    }
    if (root == null) {
      throw new PolicyFileException(file, 1,
          "empty file (a policy needs 'always-allowed:' and/or 'switches:')");
    }
    Map<String, NodeTuple> top = mapping(root, "the top level", TOP_KEYS);
    if (top.isEmpty()) {
      throw new PolicyFileException(file, line(root),
          "empty policy (a policy needs 'always-allowed:' and/or 'switches:')");
    }
    List<ConsentRule> always = top.containsKey(ALWAYS)
        ? rules(top.get(ALWAYS).getValueNode(), ALWAYS) : List.of();
    Map<String, List<ConsentRule>> switches = new LinkedHashMap<>();
    if (top.containsKey(SWITCHES)) {
      Node switchesNode = top.get(SWITCHES).getValueNode();
      Map<String, NodeTuple> byKey = isNull(switchesNode)
          ? Map.of() : mapping(switchesNode, "'switches'", null);
      for (Map.Entry<String, NodeTuple> e : byKey.entrySet()) {
        String key = e.getKey();
        if (!ConsentPolicyFile.isSwitchKey(key)) {
          throw new PolicyFileException(file, line(e.getValue().getKeyNode()), "'" + key
              + "' is not a switch key (namespace:key with namespace global, secure or system,"
              + " e.g. secure:cloud_messaging)");
        }
        switches.put(key, rules(e.getValue().getValueNode(), SWITCHES + "." + key));
      }
    }
    return new ConsentPolicyFile(file, always, switches);
  }

  private List<ConsentRule> rules(Node node, String path) throws PolicyFileException {
    if (isNull(node)) {
      return List.of(); // "always-allowed:" with nothing under it: no rules
    }
    if (!(node instanceof SequenceNode seq)) {
      throw new PolicyFileException(file, line(node), "'" + path
          + "' must be a list of rules (each '- to: HOST-GLOB' with 'data: [identifier, ...]')");
    }
    List<ConsentRule> rules = new ArrayList<>();
    for (int i = 0; i < seq.getValue().size(); i++) {
      rules.add(rule(seq.getValue().get(i), path + "[" + i + "]"));
    }
    return rules;
  }

  private ConsentRule rule(Node node, String label) throws PolicyFileException {
    Map<String, NodeTuple> keys = mapping(node, "rule " + label, RULE_KEYS);
    if (!keys.containsKey("to")) {
      throw new PolicyFileException(file, line(node), "rule " + label
          + " without 'to' (every rule needs 'to: HOST-GLOB', e.g. to: \"*.msg.example.com\")");
    }
    Node toNode = keys.get("to").getValueNode();
    if (!(toNode instanceof ScalarNode toScalar) || toScalar.getValue().isBlank()) {
      throw new PolicyFileException(file, line(toNode), "rule " + label
          + ": 'to' must be one host glob (e.g. \"*.msg.example.com\")");
    }
    HostGlob to;
    try {
      to = new HostGlob(toScalar.getValue());
    } catch (IllegalArgumentException e) {
      throw new PolicyFileException(file, line(toNode), "rule " + label + ": bad glob: " + e.getMessage());
    }
    if (!keys.containsKey("data")) {
      throw new PolicyFileException(file, line(node), "rule " + label
          + " without 'data' (list the identifiers it allows, or [] for flows carrying none)");
    }
    return new ConsentRule(label, to, data(keys.get("data").getValueNode(), label), line(node));
  }

  private List<String> data(Node node, String label) throws PolicyFileException {
    String allowed = " (a list of identifier names, e.g. [sms.body, sms.to, phone-number], or [])";
    if (!(node instanceof SequenceNode seq)) {
      throw new PolicyFileException(file, line(node), "rule " + label + ": 'data' is not a list" + allowed);
    }
    List<String> names = new ArrayList<>();
    for (Node item : seq.getValue()) {
      if (!(item instanceof ScalarNode s) || s.getValue().isBlank()) {
        throw new PolicyFileException(file, line(item), "rule " + label
            + ": 'data' holds an empty or nested entry" + allowed);
      }
      names.add(s.getValue().trim());
    }
    return names;
  }

  /** The keys of a mapping node in file order; with {@code allowed}, unknown keys are rejected. */
  private Map<String, NodeTuple> mapping(Node node, String what, Set<String> allowed)
      throws PolicyFileException {
    if (!(node instanceof MappingNode m)) {
      throw new PolicyFileException(file, line(node), what + " must be a mapping of key: value"
          + (allowed == null ? "" : " (keys: " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")"));
    }
    Map<String, NodeTuple> out = new LinkedHashMap<>();
    for (NodeTuple t : m.getValue()) {
      if (!(t.getKeyNode() instanceof ScalarNode k)) {
        throw new PolicyFileException(file, line(t.getKeyNode()), what + ": keys must be plain names");
      }
      String key = k.getValue();
      if (allowed != null && !allowed.contains(key)) {
        throw new PolicyFileException(file, line(k), "unknown key '" + key + "' in " + what
            + " (allowed: " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
      }
      if (out.put(key, t) != null) {
        throw new PolicyFileException(file, line(k), "'" + key + "' given twice in " + what);
      }
    }
    return out;
  }

  private static boolean isNull(Node node) {
    return node instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
  }

  private static int line(Node n) {
    return n.getStartMark() == null ? 0 : n.getStartMark().getLine() + 1;
  }
}
