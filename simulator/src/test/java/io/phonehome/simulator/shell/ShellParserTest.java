package io.phonehome.simulator.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.testng.annotations.Test;

public class ShellParserTest {
  private static List<String> words(Script.Simple c) {
    return c.words().stream().map(w -> w.expand(v -> "<" + v + ">", line -> "{" + line + "}")).toList();
  }

  @Test
  public void splits_steps_on_operators_and_keeps_each_connector() throws Exception {
    Script s = ShellParser.parse("a 1; b && c || d & e");

    assertThat(s.steps()).extracting(Script.Step::connector)
        .containsExactly(";", ";", "&&", "||", ";");
    assertThat(words(s.steps().get(0).pipeline().get(0))).containsExactly("a", "1");
  }

  @Test
  public void keeps_quoted_operators_inside_words() throws Exception {
    Script s = ShellParser.parse("su -c 'mount -o rw,remount /system && cp a b'");

    assertThat(s.steps()).hasSize(1);
    assertThat(words(s.steps().get(0).pipeline().get(0)))
        .containsExactly("su", "-c", "mount -o rw,remount /system && cp a b");
  }

  @Test
  public void parses_pipes_and_redirections_with_descriptors() throws Exception {
    Script s = ShellParser.parse("cat f 2>/dev/null | cat > out 2>&1");

    List<Script.Simple> pipeline = s.steps().get(0).pipeline();
    assertThat(pipeline).hasSize(2);
    assertThat(pipeline.get(0).redirects()).singleElement()
        .satisfies(r -> assertThat(r.fd()).isEqualTo(2))
        .satisfies(r -> assertThat(r.op()).isEqualTo(">"));
    assertThat(pipeline.get(1).redirects()).extracting(Script.Redirect::op)
        .containsExactly(">", ">&");
  }

  @Test
  public void leaves_variables_for_run_time_except_in_single_quotes() throws Exception {
    Script s = ShellParser.parse("echo $A \"x${B}y\" '$C' \\$D");

    assertThat(words(s.steps().get(0).pipeline().get(0)))
        .containsExactly("echo", "<A>", "x<B>y", "$C", "$D");
  }

  @Test
  public void ignores_comments_and_trailing_separators() throws Exception {
    Script s = ShellParser.parse("echo a; # echo b");

    assertThat(s.steps()).hasSize(1);
  }

  @Test
  public void rejects_a_leading_operator_and_a_dangling_and() {
    assertThatThrownBy(() -> ShellParser.parse("&& ls"))
        .hasMessage("syntax error: '&&' unexpected");
    assertThatThrownBy(() -> ShellParser.parse("ls &&"))
        .hasMessage("syntax error: unexpected end of line");
  }

  @Test
  public void keeps_command_substitutions_whole_for_run_time() throws Exception {
    Script s = ShellParser.parse("echo $(getprop a; echo \")\") x`id -u`y");

    assertThat(words(s.steps().get(0).pipeline().get(0)))
        .containsExactly("echo", "{getprop a; echo \")\"}", "x{id -u}y");
  }
}
