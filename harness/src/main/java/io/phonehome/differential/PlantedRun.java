package io.phonehome.differential;

import io.phonehome.capture.Flow;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One run of a scenario as the differential comparison sees it: the values planted, when
 * the planting step ran, and every flow seen from the start of the run to the end of its
 * observation.
 *
 * @param values planted key ({@code sms.body}, {@code sms.to}, ...) to the value planted
 *     in this run; the order is kept and decides ties
 * @param plantingStarted when the planting step began
 * @param plantingEnded when the planting step was done
 * @param flows the flows of the run, in capture order
 */
public record PlantedRun(Map<String, String> values, Instant plantingStarted, Instant plantingEnded,
    List<Flow> flows) {
  public PlantedRun {
    values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    Objects.requireNonNull(plantingStarted, "plantingStarted");
    Objects.requireNonNull(plantingEnded, "plantingEnded");
    if (plantingEnded.isBefore(plantingStarted)) {
      throw new IllegalArgumentException("planting ended " + plantingEnded + " before it started " + plantingStarted);
    }
    flows = List.copyOf(flows);
  }
}
