package io.phonehome.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.testng.annotations.Test;

/**
 * Recall and false positives over generated traffic: every planted value is found where it
 * was put, and no look-alike (one digit changed, a longer number starting with the value,
 * digests of those) and none of the noise around it is reported.
 */
public class LeakCorpusTest {
  /** Fixed, so that a failure names a case anyone can regenerate; -Dphonehome.corpus.seed=N tries another. */
  private static final long SEED = Long.getLong("phonehome.corpus.seed", 20140815L);
  private static final int IDENTITIES = 12;
  private static final int CASES_PER_IDENTITY = 300;

  @Test
  public void finds_every_planted_value_and_no_look_alike() {
    LeakCorpus corpus = new LeakCorpus(SEED);
    int leaks = 0;
    int found = 0;
    int cleans = 0;
    int chainNamed = 0;
    int falsePositives = 0;
    Map<LeakCorpus.Where, int[]> byWhere = new EnumMap<>(LeakCorpus.Where.class);
    List<String> failures = new ArrayList<>();
    List<String> renamed = new ArrayList<>();
    int index = 0;
    for (int i = 0; i < IDENTITIES; i++) {
      LeakCorpus.Identity identity = corpus.identity();
      Detector detector = new Detector(identity.set());
      for (int c = 0; c < CASES_PER_IDENTITY; c++, index++) {
        LeakCorpus.Case kase = corpus.next(index, identity);
        FlowScan scan = detector.scan(kase.flow());
        scan.notes().stream().filter(n -> n.contains("could not search")).forEach(n -> failures.add("ERROR " + n));
        List<Finding> findings = scan.findings();
        List<Finding> right = findings.stream().filter(f -> matches(kase, f)).toList();
        List<Finding> wrong = findings.stream().filter(f -> !kase.leak() || !matches(kase, f)).toList();
        byWhere.computeIfAbsent(kase.where(), w -> new int[2])[0]++;
        if (kase.leak()) {
          leaks++;
          if (right.isEmpty()) {
            failures.add("MISSED " + kase.describe() + " found " + summary(findings));
          } else {
            found++;
            byWhere.get(kase.where())[1]++;
            String chain = expectedChain(kase);
            if (right.stream().anyMatch(f -> f.encoding().equals(chain))) {
              chainNamed++;
            } else {
              renamed.add(chain + " -> " + right.get(0).encoding());
            }
          }
        } else {
          cleans++;
        }
        if (!wrong.isEmpty()) {
          falsePositives += wrong.size();
          failures.add("FALSE POSITIVE " + kase.describe() + " found " + summary(wrong));
        }
      }
    }
    System.out.printf("leak corpus (seed %d): %d cases, %d leaks, %d found (recall %.4f), chain named exactly in %d,"
        + " %d look-alikes, %d false positives%n", SEED, index, leaks, found, (double) found / leaks, chainNamed,
        cleans, falsePositives);
    byWhere.forEach((w, n) -> System.out.printf("  %-13s %5d cases, %5d leaks found%n", w, n[0], n[1]));
    failures.stream().limit(40).forEach(System.out::println);
    renamed.stream().limit(60).forEach(r -> System.out.println("  named " + r));

    assertThat(failures).as("missed leaks and false positives").isEmpty();
    assertThat(index).isGreaterThanOrEqualTo(3000);
  }

  private static boolean matches(LeakCorpus.Case kase, Finding f) {
    return f.identifier().equals(kase.identifier()) && f.location() == kase.location()
        && f.detail().startsWith(kase.detail());
  }

  /** The chain as the detector names it: the form transforms are the value's, a no-op url is none. */
  private static String expectedChain(LeakCorpus.Case kase) {
    return kase.chain().isEmpty() ? "plain" : String.join("+", kase.chain());
  }

  private static String summary(List<Finding> findings) {
    return findings.stream().map(f -> f.identifier() + "/" + f.encoding() + "@" + f.location().wireName() + " "
        + f.detail()).toList().toString();
  }
}
