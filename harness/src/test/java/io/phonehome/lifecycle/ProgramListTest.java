package io.phonehome.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.testng.annotations.Test;

/**
 * Holds the launcher's list of tools and the programs the code starts together: a test or
 * a part of the harness that starts a program the list lacks would pass where the tool
 * happens to be installed and fail on a lab's new machine.
 */
public class ProgramListTest {
  private static final Path ROOT = Path.of(System.getProperty("phonehome.root", ".."))
      .toAbsolutePath().normalize();
  /** The only files that may build a process: the two enums of programs. */
  private static final Set<String> GATES = Set.of(
      "harness/src/main/java/io/phonehome/lifecycle/Program.java",
      "simulator/src/main/java/io/phonehome/simulator/HostProgram.java");
  private static final Pattern STARTS_A_PROCESS = Pattern.compile(
      "new\\s+ProcessBuilder\\s*[(<]|Runtime\\s*\\.\\s*getRuntime\\s*\\(\\s*\\)\\s*\\.\\s*exec\\s*\\(");
  private static final Pattern HOST_PROGRAM = Pattern.compile(
      "^\\s*([A-Z][A-Z0-9_]*)\\(\"([^\"]+)\"((?:\\s*,\\s*\"[a-z]+\")*)\\)[,;]", Pattern.MULTILINE);
  /** A string or char literal, or a line comment: code is matched without them. */
  private static final Pattern NOT_CODE = Pattern.compile("\"(?:\\\\.|[^\"\\\\])*\"|'(?:\\\\.|[^'\\\\])*'|//.*");
  /** What the launcher runs itself, before any Java code. */
  private static final Set<String> LAUNCHER_OWN = Set.of("mvn");

  /** One row of the launcher's TOOLS list. */
  record Tool(String program, String debianPackage, Set<String> neededBy) {}

  @Test
  public void every_program_the_harness_starts_is_on_the_launchers_list() {
    Map<String, Tool> tools = launcherTools();

    for (Program p : Program.values()) {
      assertListed(tools, "Program." + p.name(), p.executable(), p.commands());
    }
  }

  @Test
  public void every_program_the_virtual_handset_starts_is_on_the_launchers_list() {
    Map<String, Tool> tools = launcherTools();
    Map<String, String[]> hostPrograms = hostPrograms();

    assertThat(hostPrograms).as("HostProgram constants parsed from its source").isNotEmpty();
    hostPrograms.forEach((constant, row) ->
        assertListed(tools, "HostProgram." + constant, row[0], Set.of(Arrays.copyOfRange(row, 1, row.length))));
  }

  @Test
  public void every_row_of_the_list_is_a_program_the_code_or_the_launcher_starts() {
    Set<String> started = new LinkedHashSet<>(LAUNCHER_OWN);
    Arrays.stream(Program.values()).map(Program::executable).forEach(started::add);
    hostPrograms().values().forEach(row -> started.add(row[0]));

    assertThat(launcherTools().keySet()).as("rows of TOOLS in %s", ROOT.resolve("phonehome"))
        .isSubsetOf(started);
  }

  @Test
  public void no_source_builds_a_process_but_the_program_enums() {
    List<String> violations = new ArrayList<>();
    for (Path file : javaSources()) {
      String relative = ROOT.relativize(file).toString();
      if (!GATES.contains(relative)) {
        violations.addAll(processStarts(relative, read(file)));
      }
    }

    assertThat(violations).as("processes started around Program/HostProgram (start them through"
        + " a constant, and list a new program in the launcher's TOOLS)").isEmpty();
  }

  @Test
  public void main_code_uses_no_program_that_only_the_tests_install() {
    Set<String> testOnly = new LinkedHashSet<>();
    for (Program p : Program.values()) {
      if (p.commands().isEmpty()) {
        testOnly.add("Program." + p.name());
      }
    }
    hostPrograms().forEach((constant, row) -> {
      if (row.length == 1) {
        testOnly.add("HostProgram." + constant);
      }
    });
    List<String> violations = new ArrayList<>();
    for (Path file : javaSources()) {
      String relative = ROOT.relativize(file).toString();
      if (relative.contains("/src/main/") && !GATES.contains(relative)) {
        String text = read(file);
        testOnly.stream().filter(c -> Pattern.compile("\\b" + Pattern.quote(c) + "\\b").matcher(text).find())
            .forEach(c -> violations.add(relative + " uses " + c));
      }
    }

    assertThat(testOnly).as("test-only programs").isNotEmpty();
    assertThat(violations).as("main code starting a program that only 'test' installs").isEmpty();
  }

  @Test
  public void the_scan_names_file_and_line_of_a_process_started_around_the_list() {
    String source = String.join("\n",
        "class Shot {",
        "  void take() throws Exception {",
        "    new ProcessBuilder(\"chromium\", \"--headless\").start();",
        "    Runtime.getRuntime().exec(new String[] {\"rg\", \"-c\"});",
        "    Program.TCPDUMP.command(\"-r\", \"x.pcap\");",
        "    log(\"new ProcessBuilder(\\\"sh\\\") is refused\"); // new ProcessBuilder(",
        "  }",
        "}");

    assertThat(processStarts("harness/src/test/java/Shot.java", source)).containsExactly(
        "harness/src/test/java/Shot.java:3: new ProcessBuilder(\"chromium\", \"--headless\").start();",
        "harness/src/test/java/Shot.java:4: Runtime.getRuntime().exec(new String[] {\"rg\", \"-c\"});");
  }

  @Test
  public void a_program_is_only_built_from_a_file_of_its_own_name() {
    assertThatThrownBy(() -> Program.MITMDUMP.command(Path.of("/usr/bin/chromium"), "--headless"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("/usr/bin/chromium is not mitmdump");
    assertThat(Program.ADB.command(Path.of("/opt/sdk/platform-tools/adb"), "devices").command())
        .containsExactly("/opt/sdk/platform-tools/adb", "devices");
  }

  @Test
  public void the_list_parses_rows_of_program_package_and_commands() {
    Map<String, Tool> tools = parseTools(String.join("\n",
        "say() { :; }",
        "TOOLS='",
        "adb       adb                       run test",
        "",
        "tshark    tshark                    test",
        "'",
        "other='x'"));

    assertThat(tools).containsOnlyKeys("adb", "tshark");
    assertThat(tools.get("adb")).isEqualTo(new Tool("adb", "adb", Set.of("run", "test")));
  }

  private static void assertListed(Map<String, Tool> tools, String constant, String executable,
      Set<String> commands) {
    Tool tool = tools.get(executable);
    assertThat(tool).as("%s (%s) is in the launcher's TOOLS list with its Debian package", constant, executable)
        .isNotNull();
    Set<String> needed = new LinkedHashSet<>(commands);
    needed.add("test");
    assertThat(tool.neededBy()).as("the commands that install %s for %s", executable, constant)
        .containsAll(needed);
  }

  static Map<String, Tool> launcherTools() {
    return parseTools(read(ROOT.resolve("phonehome")));
  }

  static Map<String, Tool> parseTools(String launcher) {
    Matcher block = Pattern.compile("(?m)^TOOLS='\\n(.*?)^'", Pattern.DOTALL).matcher(launcher);
    assertThat(block.find()).as("a TOOLS='...' block in the launcher").isTrue();
    Map<String, Tool> tools = new LinkedHashMap<>();
    for (String line : block.group(1).split("\n")) {
      String[] cols = line.trim().split("\\s+");
      if (cols.length == 1 && cols[0].isEmpty()) {
        continue;
      }
      assertThat(cols.length).as("TOOLS row '%s': program, package, commands", line).isGreaterThanOrEqualTo(3);
      tools.put(cols[0], new Tool(cols[0], cols[1], Set.of(Arrays.copyOfRange(cols, 2, cols.length))));
    }
    return tools;
  }

  /** HostProgram's constants: name to {executable, command...}, read from its source. */
  private static Map<String, String[]> hostPrograms() {
    String text = read(ROOT.resolve("simulator/src/main/java/io/phonehome/simulator/HostProgram.java"));
    Map<String, String[]> out = new LinkedHashMap<>();
    Matcher m = HOST_PROGRAM.matcher(text);
    while (m.find()) {
      List<String> row = new ArrayList<>(List.of(m.group(2)));
      Matcher word = Pattern.compile("\"([a-z]+)\"").matcher(m.group(3));
      while (word.find()) {
        row.add(word.group(1));
      }
      out.put(m.group(1), row.toArray(String[]::new));
    }
    return out;
  }

  static List<String> processStarts(String name, String source) {
    List<String> found = new ArrayList<>();
    String[] lines = source.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (STARTS_A_PROCESS.matcher(NOT_CODE.matcher(lines[i]).replaceAll("\"\"")).find()) {
        found.add(name + ":" + (i + 1) + ": " + lines[i].strip());
      }
    }
    return found;
  }

  private static List<Path> javaSources() {
    List<Path> files = new ArrayList<>();
    for (String module : List.of("harness/src", "simulator/src")) {
      try (Stream<Path> walk = Files.walk(ROOT.resolve(module))) {
        walk.filter(p -> p.toString().endsWith(".java")).sorted().forEach(files::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    assertThat(files).as("Java sources under %s", ROOT).hasSizeGreaterThan(100);
    return files;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
