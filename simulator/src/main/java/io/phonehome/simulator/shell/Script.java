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

    /** The word's text, with variables and {@code $(...)} replaced by what they stand for. */
    String expand(UnaryOperator<String> variables, UnaryOperator<String> commands) {
      StringBuilder b = new StringBuilder();
      for (Part p : parts) {
        b.append(switch (p.kind()) {
          case LITERAL -> p.text();
          case VARIABLE -> variables.apply(p.text());
          case COMMAND -> commands.apply(p.text());
        });
      }
      return b.toString();
    }

    /** Whether nothing of the word was written literally (it vanishes when it expands to ""). */
    boolean onlySubstitutions() {
      return parts.stream().noneMatch(p -> p.kind() == Kind.LITERAL);
    }

    static Word literal(String text) {
      return new Word(List.of(new Part(text, Kind.LITERAL)));
    }
  }

  /** What a part of a word is. */
  enum Kind { LITERAL, VARIABLE, COMMAND }

  /** Literal text, the name of a variable, or a command line whose output replaces it. */
  record Part(String text, Kind kind) {}
}
