package io.phonehome.simulator.shell;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A parsed command line: pipelines joined by {@code ;}, {@code &&} and {@code ||}, each a
 * chain of simple commands joined by {@code |}.
 */
record Script(List<Step> steps) {
  Script {
    steps = List.copyOf(steps);
  }

  /** A pipeline and the operator that joins it to the step before ({@code ;} for the first). */
  record Step(String connector, List<Simple> pipeline) {
    Step {
      pipeline = List.copyOf(pipeline);
    }
  }

  /** One command: its words and redirections, in the order written. */
  record Simple(List<Word> words, List<Redirect> redirects) {
    Simple {
      words = List.copyOf(words);
      redirects = List.copyOf(redirects);
    }
  }

  /**
   * A redirection of file descriptor {@code fd}: {@code op} is {@code >}, {@code >>},
   * {@code <} or {@code >&} (then the target names a descriptor).
   */
  record Redirect(int fd, String op, Word target) {}

  /** A word as written: literal text and variable references, expanded when it runs. */
  record Word(List<Part> parts) {
    Word {
      parts = List.copyOf(parts);
    }

    String expand(UnaryOperator<String> variables) {
      StringBuilder b = new StringBuilder();
      for (Part p : parts) {
        b.append(p.variable() ? variables.apply(p.text()) : p.text());
      }
      return b.toString();
    }

    static Word literal(String text) {
      return new Word(List.of(new Part(text, false)));
    }
  }

  /** Literal text, or (when {@code variable}) the name of a variable. */
  record Part(String text, boolean variable) {}
}
