package io.phonehome.detect;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads an identity file (the offline audit's {@code --identity}):
 *
 * <pre>
 * imei: "861234567890123"
 * phone-number: "+886912345678"
 * android-id: 9774d56d682e549c
 * contacts: ["+886922000111", "+886933000222"]
 * canaries: ["pH-7f3a9c"]
 * </pre>
 *
 * <p>Every key is an identifier with one value or a list of values; {@code canaries}
 * become identifier {@code canary}. Values are taken as written (an unquoted IMEI keeps
 * its digits). Values get the origin {@code identity file}.
 */
public final class IdentityFileReader {
  /** The origin given to every value read from an identity file. */
  public static final String ORIGIN = "identity file";

  private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9._-]*");

  private IdentityFileReader() {}

  /** Reads the file; errors are one line naming the file and the line. */
  public static IdentitySet read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IdentityFileException(file + ": cannot read identity file: " + e.getMessage(), e);
    }
    return parse(text, file.toString());
  }

  /** Parses identity YAML; {@code source} names it in error messages. */
  public static IdentitySet parse(String yaml, String source) {
    Node root;
    try {
      root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(yaml));
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1;
      throw new IdentityFileException(
          source + ":" + line + ": not valid YAML: " + e.getProblem(), e);
    } catch (YAMLException e) {
      throw new IdentityFileException(source + ": not valid YAML: " + e.getMessage(), e);
    }
    if (root == null) {
      throw new IdentityFileException(source + ": identity file is empty; expected e.g. imei: \"861234567890123\"");
    }
    if (!(root instanceof MappingNode mapping)) {
      throw error(source, root, "expected identifier: value pairs, e.g. imei: \"861234567890123\"");
    }
    IdentitySet.Builder builder = IdentitySet.builder();
    Set<String> keys = new HashSet<>();
    for (NodeTuple tuple : mapping.getValue()) {
      Node keyNode = tuple.getKeyNode();
      if (!(keyNode instanceof ScalarNode keyScalar) || !KEY.matcher(keyScalar.getValue()).matches()) {
        throw error(source, keyNode, "an identifier name must be lower case, like imei or phone-number");
      }
      String key = keyScalar.getValue();
      if (!keys.add(key)) {
        throw error(source, keyNode, key + " is given twice");
      }
      String identifier = IdentitySet.identifierForKey(key);
      Node valueNode = tuple.getValueNode();
      if (valueNode instanceof SequenceNode sequence) {
        for (Node item : sequence.getValue()) {
          builder.add(identifier, scalar(source, key, item), ORIGIN);
        }
      } else {
        builder.add(identifier, scalar(source, key, valueNode), ORIGIN);
      }
    }
    return builder.build();
  }

  private static String scalar(String source, String key, Node node) {
    if (!(node instanceof ScalarNode scalar)) {
      throw error(source, node, key + " must be a value or a list of values");
    }
    if (Tag.NULL.equals(scalar.getTag()) || scalar.getValue().isBlank()) {
      throw error(source, node, key + " has no value");
    }
    return scalar.getValue();
  }

  private static IdentityFileException error(String source, Node node, String message) {
    return new IdentityFileException(
        source + ":" + (node.getStartMark().getLine() + 1) + ": " + message);
  }
}
