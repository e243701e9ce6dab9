package io.phonehome.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
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
}
