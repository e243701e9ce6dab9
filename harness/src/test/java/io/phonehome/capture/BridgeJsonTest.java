package io.phonehome.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.testng.annotations.Test;

public class BridgeJsonTest {

  private static Object parse(String text) throws BridgeJson.SyntaxException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return BridgeJson.parse(bytes, 0, bytes.length);
  }

  @Test
  public void reads_objects_arrays_and_every_scalar() throws Exception {
    Object value = parse(" {\"s\":\"x\", \"i\":-42, \"d\":1764082800.123456, \"e\":1e3,"
        + " \"t\":true, \"f\":false, \"n\":null, \"a\":[[\"k\",\"v\"],[]], \"o\":{}} ");

    assertThat(value).isInstanceOf(Map.class);
    Map<?, ?> m = (Map<?, ?>) value;
    assertThat(m.get("s")).isEqualTo("x");
    assertThat(m.get("i")).isEqualTo(-42L);
    assertThat(m.get("d")).isEqualTo(1764082800.123456);
    assertThat(m.get("e")).isEqualTo(1000.0);
    assertThat(m.get("t")).isEqualTo(Boolean.TRUE);
    assertThat(m.get("f")).isEqualTo(Boolean.FALSE);
    assertThat(m.get("n")).isSameAs(BridgeJson.NULL);
    assertThat(m.get("a")).isEqualTo(List.of(List.of("k", "v"), List.of()));
    assertThat(m.get("o")).isEqualTo(Map.of());
  }

  @Test
  public void undoes_every_string_escape_including_surrogate_pairs() throws Exception {
    Object value = parse("\"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t \\u00e9 \\ud83d\\ude00\"");

    assertThat(value).isEqualTo("q\" b\\ s/ \b\f\n\r\t \u00e9 \ud83d\ude00");
  }

  @Test
  public void reads_raw_utf8_with_and_without_escapes() throws Exception {
    assertThat(parse("\"caf\u00e9 \u4e2d\u6587\"")).isEqualTo("caf\u00e9 \u4e2d\u6587");
    assertThat(parse("\"caf\u00e9\\n\u4e2d\"")).isEqualTo("caf\u00e9\n\u4e2d");
  }

  @Test
  public void keeps_integers_beyond_a_long_as_doubles() throws Exception {
    assertThat(parse("123456789012345678")).isEqualTo(123456789012345678L);
    assertThat(parse("12345678901234567890")).isEqualTo(1.2345678901234567e19);
  }

  @Test
  public void reads_an_empty_text_as_nothing() throws Exception {
    assertThat(parse("  ")).isNull();
  }

  @Test
  public void rejects_what_is_not_json_naming_the_column() {
    assertThatThrownBy(() -> parse("Traceback (most recent call last):"))
        .hasMessage("unexpected 'T' at column 1");
    assertThatThrownBy(() -> parse("{\"a\":1,}")).hasMessage("expected a field name at column 8");
    assertThatThrownBy(() -> parse("{\"a\":1} x")).hasMessage("text after the value at column 9");
    assertThatThrownBy(() -> parse("{\"a\":\"b")).hasMessage("unterminated string at column 8");
    assertThatThrownBy(() -> parse("[01]")).hasMessageStartingWith("leading zero");
    assertThatThrownBy(() -> parse("\"\\x\"")).hasMessageStartingWith("bad escape \\x");
    assertThatThrownBy(() -> parse("\"a\tb\"")).hasMessageStartingWith("control character");
    assertThatThrownBy(() -> parse("[1 2]")).hasMessageStartingWith("expected ']' but found '2'");
    assertThatThrownBy(() -> parse("nul")).hasMessageStartingWith("unexpected 'n'");
    assertThatThrownBy(() -> parse("[".repeat(100))).hasMessageStartingWith("nested deeper than 64");
  }
}
