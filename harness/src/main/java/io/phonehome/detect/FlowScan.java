package io.phonehome.detect;

import java.util.List;

/**
 * What the detector found in one flow, and notes on what it could not search (a corrupt
 * or oversized body). Notes carry no finding: they explain gaps in the search.
 */
public record FlowScan(List<Finding> findings, List<String> notes) {
  public FlowScan {
    findings = List.copyOf(findings);
    notes = List.copyOf(notes);
  }
}
