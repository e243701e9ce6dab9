package io.phonehome.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.testng.annotations.Test;

public class AhoCorasickTest {
  @Test
  public void finds_overlapping_and_nested_patterns_with_their_ends() {
    AhoCorasick ac = new AhoCorasick(List.of("he", "she", "his", "hers"));
    List<String> found = new ArrayList<>();

    ac.search("ushers", (p, end) -> found.add(p + "@" + end));

    assertThat(found).containsExactlyInAnyOrder("1@4", "0@4", "3@6");
  }

  @Test
  public void outermost_drops_matches_inside_longer_ones_but_keeps_equal_spans() {
    List<Detector.Match> kept = Detector.outermost(List.of(
        new Detector.Match(0, 3, 15), new Detector.Match(1, 2, 15),
        new Detector.Match(2, 2, 15), new Detector.Match(3, 20, 24)));

    assertThat(kept).extracting(Detector.Match::needle).containsExactly(1, 2, 3);
  }

  @Test
  public void finds_exactly_what_a_naive_search_finds_on_random_inputs() {
    Random random = new Random(42);
    for (int round = 0; round < 200; round++) {
      String alphabet = round % 2 == 0 ? "ab" : "abcd\u00ff\u0000";
      List<String> patterns = new ArrayList<>();
      for (int i = 0, n = 1 + random.nextInt(12); i < n; i++) {
        patterns.add(randomText(random, alphabet, 1 + random.nextInt(6)));
      }
      String text = randomText(random, alphabet + "xyz", random.nextInt(300));
      List<String> found = new ArrayList<>();
      List<String> foundSparse = new ArrayList<>();

      new AhoCorasick(patterns).search(text, (p, end) -> found.add(p + "@" + end));
      // only the root dense: every other step goes through children and failure links
      new AhoCorasick(patterns, 1).search(text, (p, end) -> foundSparse.add(p + "@" + end));

      assertThat(found).as("patterns %s in %s", patterns, text)
          .containsExactlyInAnyOrderElementsOf(naive(patterns, text));
      assertThat(foundSparse).as("sparse: patterns %s in %s", patterns, text)
          .containsExactlyInAnyOrderElementsOf(naive(patterns, text));
    }
  }

  @Test
  public void skipping_by_probed_windows_finds_what_a_naive_search_finds() {
    Random random = new Random(7);
    for (int round = 0; round < 400; round++) {
      // small alphabets make probed windows pass often, so the runs around them overlap,
      // start at the text's edges and end inside other patterns
      String alphabet = switch (round % 4) {
        case 0 -> "01";
        case 1 -> "0123456789abcdef";
        // '?' is what a character above 255 becomes among the bytes searched
        case 2 -> "a?\u00ff\u0000";
        default -> "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+/";
      };
      int shortest = 5 + random.nextInt(8);
      List<String> patterns = new ArrayList<>();
      for (int i = 0, n = 1 + random.nextInt(30); i < n; i++) {
        patterns.add(randomText(random, alphabet, shortest + random.nextInt(round % 3 == 0 ? 40 : 4)));
      }
      StringBuilder text = new StringBuilder(randomText(random, alphabet + "\u20ac", random.nextInt(600)));
      for (int i = 0, n = random.nextInt(6); i < n; i++) {
        // planted at random places, also at the very start and end
        int at = i == 0 ? 0 : i == 1 ? text.length() : random.nextInt(text.length() + 1);
        text.insert(at, patterns.get(random.nextInt(patterns.size())));
      }
      List<String> found = new ArrayList<>();

      new AhoCorasick(patterns).search(text.toString(), (p, end) -> found.add(p + "@" + end));

      assertThat(found).as("patterns %s in %s", patterns, text)
          .containsExactlyInAnyOrderElementsOf(naive(patterns, text.toString()));
    }
  }

  @Test
  public void a_stream_cut_into_random_chunks_gives_the_same_matches_as_one_string() {
    Random random = new Random(7);
    for (int round = 0; round < 100; round++) {
      List<String> patterns = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        patterns.add(randomText(random, "0123456789abcdef", 2 + random.nextInt(10)));
      }
      String text = randomText(random, "0123456789abcdef", 2_000);
      AhoCorasick ac = round % 2 == 0 ? new AhoCorasick(patterns) : new AhoCorasick(patterns, 17 * 4);
      byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
      List<String> streamed = new ArrayList<>();
      int state = ac.start();
      for (int at = 0; at < bytes.length;) {
        int len = Math.min(bytes.length - at, 1 + random.nextInt(40));
        if (random.nextBoolean()) {
          state = ac.feed(state, bytes, at, len, at, (p, end) -> streamed.add(p + "@" + end));
        } else {
          ByteBuffer direct = ByteBuffer.allocateDirect(len).put(bytes, at, len).flip();
          state = ac.feed(state, direct, at, (p, end) -> streamed.add(p + "@" + end));
          assertThat(direct.hasRemaining()).isFalse();
        }
        at += len;
      }

      assertThat(streamed).containsExactlyInAnyOrderElementsOf(naive(patterns, text));
    }
  }

  @Test
  public void a_match_spanning_two_chunks_is_reported_at_its_stream_offset() {
    AhoCorasick ac = new AhoCorasick(List.of("861234567890123"));
    byte[] first = "xxxxx8612345".getBytes(StandardCharsets.ISO_8859_1);
    byte[] second = "67890123yyy".getBytes(StandardCharsets.ISO_8859_1);
    List<Long> ends = new ArrayList<>();

    int state = ac.feed(ac.start(), first, 0, first.length, 1_000_000_000_000L, (p, end) -> ends.add(end));
    ac.feed(state, second, 0, second.length, 1_000_000_000_000L + first.length, (p, end) -> ends.add(end));

    assertThat(ends).containsExactly(1_000_000_000_000L + 20);
  }

  @Test
  public void duplicate_patterns_are_each_reported_and_empty_ones_never() {
    AhoCorasick ac = new AhoCorasick(List.of("abc", "", "abc"));
    List<String> found = new ArrayList<>();

    ac.search("zabc", (p, end) -> found.add(p + "@" + end));

    assertThat(found).containsExactlyInAnyOrder("0@4", "2@4");
  }

  @Test
  public void a_character_above_255_in_the_text_does_not_pass_for_a_question_mark() {
    AhoCorasick ac = new AhoCorasick(List.of("imei?861234", "861234567890123"));
    List<String> found = new ArrayList<>();

    ac.search("x imei\u20ac861234 imei?861234 861234567890123", (p, end) -> found.add(p + "@" + end));

    assertThat(found).containsExactly("0@25", "1@41");
  }

  @Test
  public void characters_above_255_in_a_pattern_still_match_in_strings() {
    AhoCorasick ac = new AhoCorasick(List.of("\u20ac1"));
    List<Integer> ends = new ArrayList<>();

    ac.search("a\u20ac1\u20ac", (p, end) -> ends.add(end));

    assertThat(ends).containsExactly(3);
  }

  @Test
  public void twenty_identifiers_fit_in_a_small_table() {
    IdentitySet.Builder builder = IdentitySet.builder();
    Random random = new Random(1);
    for (int i = 0; i < 20; i++) {
      builder.add("id" + i, randomText(random, "0123456789", 15), "test");
    }
    List<Needle> needles = Needles.of(builder.build());

    AhoCorasick.Size size = new AhoCorasick(needles.stream().map(Needle::text).toList()).size();

    assertThat(size.patterns()).isEqualTo(needles.size()).isGreaterThan(300);
    assertThat(size.bytes()).as("%s", size).isLessThan(32L << 20);
  }

  @Test
  public void five_thousand_needles_of_forty_bytes_stay_under_64_mb() {
    Random random = new Random(5);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    List<String> needles = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      needles.add(randomText(random, alphabet, 40));
    }

    AhoCorasick.Size size = new AhoCorasick(needles).size();

    assertThat(size.classes()).isEqualTo(65);
    assertThat(size.bytes()).as("%s", size).isLessThan(32L << 20);
  }

  @Test
  public void needles_over_all_256_byte_values_keep_only_the_shallow_states_dense() {
    Random random = new Random(9);
    List<String> needles = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      StringBuilder raw = new StringBuilder();
      for (int j = 0; j < 40; j++) {
        raw.append((char) random.nextInt(256));
      }
      needles.add(raw.toString());
    }

    AhoCorasick ac = new AhoCorasick(needles);
    AhoCorasick.Size size = ac.size();
    List<Integer> found = new ArrayList<>();
    ac.search("xx" + needles.get(4_321) + "yy", (p, end) -> found.add(p));

    assertThat(size.classes()).isEqualTo(257);
    assertThat(size.denseStates()).isLessThan(size.states());
    assertThat(size.bytes()).as("%s", size).isLessThan(32L << 20);
    assertThat(found).containsExactly(4_321);
  }

  private static List<String> naive(List<String> patterns, String text) {
    List<String> out = new ArrayList<>();
    for (int p = 0; p < patterns.size(); p++) {
      String pattern = patterns.get(p);
      for (int at = text.indexOf(pattern); at >= 0; at = text.indexOf(pattern, at + 1)) {
        out.add(p + "@" + (at + pattern.length()));
      }
    }
    return out;
  }

  private static String randomText(Random random, String alphabet, int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return out.toString();
  }
}
