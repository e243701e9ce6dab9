package io.phonehome.report.findings;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.stream.Collectors;

/** The findings.json contract (a copy of the shared schema in test resources). */
public final class FindingsSchema {
  private static final String RESOURCE = "contracts/findings.schema.json";
  private static final JsonSchema SCHEMA = load();

  private FindingsSchema() {}

  private static JsonSchema load() {
    if (FindingsSchema.class.getResource("/" + RESOURCE) == null) {
      throw new IllegalStateException(RESOURCE + " is missing from the test resources");
    }
    // the schema's $id is relative, so it needs a base location to resolve against
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
        .getSchema(SchemaLocation.of("classpath:" + RESOURCE));
  }

  /** The schema's complaints about the JSON, one per line; empty when it is valid. */
  public static String violations(String json) {
    try {
      Set<ValidationMessage> messages = SCHEMA.validate(new ObjectMapper().readTree(json));
      return messages.stream().map(ValidationMessage::getMessage).sorted().collect(Collectors.joining("\n"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
