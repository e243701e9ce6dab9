package io.phonehome.simulator.firmware;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text with placeholders such as {@code {imei}} or {@code {contacts|gzip|base64}}. Braces
 * that do not open a placeholder name (JSON such as <code>{"a":1}</code>) stay literal.
 */
public final class Template {
  private static final Pattern PLACEHOLDER =
      Pattern.compile("\\{([a-z][a-z0-9.\\-]*)((?:\\|[A-Za-z0-9]+)*)\\}");

  /** A literal run or one placeholder with its transform chain. */
  public sealed interface Part permits Literal, Slot {}

  public record Literal(String text) implements Part {}

  public record Slot(String name, List<Transform> transforms) implements Part {
    public Slot {
      transforms = List.copyOf(transforms);
    }
  }

  private final String source;
  private final List<Part> parts;

  private Template(String source, List<Part> parts) {
    this.source = source;
    this.parts = List.copyOf(parts);
  }

  /**
   * Parses a template.
   *
   * @throws TemplateException naming the unknown placeholder or transform and its offset
   */
  public static Template parse(String source) {
    List<Part> parts = new ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(source);
    int at = 0;
    while (m.find()) {
      if (m.start() > at) {
        parts.add(new Literal(source.substring(at, m.start())));
      }
      String name = m.group(1);
      if (!Placeholder.isKnown(name)) {
        throw new TemplateException(m.start(), "unknown placeholder {" + name + "} ("
            + String.join(", ", Placeholder.NAMES) + ")");
      }
      List<Transform> chain = new ArrayList<>();
      String pipes = m.group(2);
      if (!pipes.isEmpty()) {
        for (String word : pipes.substring(1).split("\\|")) {
          chain.add(Transform.of(word).orElseThrow(() -> new TemplateException(m.start(),
              "unknown transform '" + word + "' in {" + m.group(1) + m.group(2) + "} ("
                  + Transform.names() + ")")));
        }
      }
      parts.add(new Slot(name, chain));
      at = m.end();
    }
    if (at < source.length()) {
      parts.add(new Literal(source.substring(at)));
    }
    return new Template(source, parts);
  }

  /** A template with no placeholders. */
  public static Template literal(String text) {
    return new Template(text, List.of(new Literal(text)));
  }

  public String source() {
    return source;
  }

  public List<Part> parts() {
    return parts;
  }

  /**
   * Renders to bytes: literals as UTF-8, each placeholder's value run through its chain.
   *
   * @param values a placeholder's value by name; {@code null} renders as the empty string
   * @param fingerprint the build fingerprint (key of {@code encrypt})
   */
  public byte[] render(Function<String, String> values, String fingerprint) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Part p : parts) {
      if (p instanceof Literal l) {
        out.writeBytes(l.text().getBytes(StandardCharsets.UTF_8));
      } else if (p instanceof Slot s) {
        String v = values.apply(s.name());
        byte[] b = (v == null ? "" : v).getBytes(StandardCharsets.UTF_8);
        for (Transform t : s.transforms()) {
          b = t.apply(b, fingerprint);
        }
        out.writeBytes(b);
      }
    }
    return out.toByteArray();
  }

  /** Renders to text (for URLs and headers, where transforms end in text). */
  public String renderText(Function<String, String> values, String fingerprint) {
    return new String(render(values, fingerprint), StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return source;
  }

  /** A template problem and the character offset where it is. */
  public static final class TemplateException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final int offset;

    TemplateException(int offset, String message) {
      super(message);
      this.offset = offset;
    }

    public int offset() {
      return offset;
    }
  }
}
