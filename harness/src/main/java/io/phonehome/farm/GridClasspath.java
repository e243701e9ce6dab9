package io.phonehome.farm;

import io.phonehome.lifecycle.Program;
import io.phonehome.lifecycle.StartException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the managed grid's jars are: {@code harness/target/grid/lib}, which
 * {@code mvn package} fills with selenium-grid and what it needs at run time. Never the
 * harness's own classpath: the grid runs in JVMs of its own.
 */
public final class GridClasspath {
  /** Overrides where the grid's jars are (a folder). */
  public static final String LIB_PROPERTY = "phonehome.grid.lib";
  /** The grid's entry point (selenium-grid has no Main-Class). */
  public static final String MAIN = "org.openqa.selenium.grid.Main";

  private GridClasspath() {}

  /** The folder: -Dphonehome.grid.lib, else PHONEHOME_GRID_LIB, else under the project root. */
  public static Path libDir() {
    String explicit = System.getProperty(LIB_PROPERTY, System.getenv("PHONEHOME_GRID_LIB"));
    if (explicit != null && !explicit.isBlank()) {
      return Path.of(explicit).toAbsolutePath().normalize();
    }
    String root = System.getProperty("phonehome.root", ".");
    return Path.of(root, "harness", "target", "grid", "lib").toAbsolutePath().normalize();
  }

  /** The folder, once it is shown to hold selenium-grid; else how to build it. */
  public static Path locate() throws StartException {
    Path lib = libDir();
    try (Stream<Path> jars = Files.isDirectory(lib) ? Files.list(lib) : Stream.empty()) {
      if (jars.anyMatch(p -> p.getFileName().toString().matches("selenium-grid-.*\\.jar"))) {
        return lib;
      }
    } catch (IOException e) {
      throw new StartException("cannot read the grid's jars in " + lib + ": " + e.getMessage(), "", e);
    }
    throw new StartException("the Selenium Grid jars are not in " + lib
        + ": build them with 'mvn -q -B -DskipTests package' (./phonehome does this for you)");
  }

  /**
   * Writes {@code toml} to {@code config} and returns the command of a grid JVM in {@code
   * role} ({@code hub} or {@code node}) with that configuration.
   */
  static ProcessBuilder jvm(String role, String heap, Path config, String toml) throws StartException {
    Path lib = locate();
    try {
      Files.createDirectories(config.toAbsolutePath().getParent());
      Files.writeString(config, toml, java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new StartException("cannot write the grid " + role + " configuration " + config + ": " + e.getMessage(),
          "", e);
    }
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return Program.JAVA.command(java, List.of("-Xmx" + heap, "-Djava.awt.headless=true",
        "-cp", classpath(lib), MAIN, role, "--config", config.toString()));
  }

  /** The {@code -cp} value: every jar of the folder, as Java expands {@code dir/*}. */
  public static String classpath(Path lib) {
    return lib.resolve("*").toString();
  }
}
