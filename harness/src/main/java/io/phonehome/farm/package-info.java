/**
 * Farm: a Selenium Grid 4 that the harness starts itself ({@code lab.grid: managed} in
 * devices.yaml), so that sessions are created through a hub and routed to each phone by
 * its {@code appium:udid}, as on a lab's own device farm.
 *
 * <p>{@link io.phonehome.farm.ManagedGrid} starts one {@link io.phonehome.farm.GridHub} and
 * one relay {@link io.phonehome.farm.GridNode} per device ({@link
 * io.phonehome.farm.RelayTarget}: its udid and the WebDriver endpoint that drives it, an
 * Appium server or a virtual handset's own), each a JVM of its own on loopback, run from
 * {@code harness/target/grid/lib} ({@link io.phonehome.farm.GridClasspath}) so that the
 * grid's selenium never meets java-client's. {@link io.phonehome.farm.GridToml} writes
 * their configuration; {@link io.phonehome.farm.HubStatus} reads the hub's
 * {@code /status}. docs/farm.md describes ports, logs and timings.
 */
package io.phonehome.farm;
