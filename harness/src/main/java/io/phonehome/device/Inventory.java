package io.phonehome.device;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A parsed devices.yaml: the lab settings and the devices, in file order, and the
 * warnings its values earned (each one line, {@code file:line: field: what}) that did not
 * stop the run.
 *
 * <pre>{@code
 * Inventory lab = InventoryParser.parse(Path.of("devices.yaml"));
 * for (DeviceSpec d : lab.devices()) { ... }
 * }</pre>
 */
public record Inventory(Path source, LabConfig lab, List<DeviceSpec> devices, List<String> warnings) {
  public Inventory {
    devices = List.copyOf(devices);
    warnings = List.copyOf(warnings);
  }

  /** An inventory the parser had nothing to warn about. */
  public Inventory(Path source, LabConfig lab, List<DeviceSpec> devices) {
    this(source, lab, devices, List.of());
  }

  public Optional<DeviceSpec> device(String name) {
    return devices.stream().filter(d -> d.name().equals(name)).findFirst();
  }

  /** The folder devices.yaml is in: relative paths in it are resolved from there. */
  public Path baseDir() {
    Path parent = source.toAbsolutePath().getParent();
    return parent == null ? Path.of(".").toAbsolutePath() : parent;
  }
}
