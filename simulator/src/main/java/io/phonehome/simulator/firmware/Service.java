package io.phonehome.simulator.firmware;

/**
 * One network service of a firmware profile. Placeholder: the firmware parser defines
 * its fields (trigger, condition, request template, route, TLS trust).
 */
public record Service(String name, int line) {}
