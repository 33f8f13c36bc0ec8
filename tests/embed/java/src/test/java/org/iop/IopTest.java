package org.iop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The examples through calendar.build, estimate and parity.analyse with the numbers the C++ tests
 * assert (worked out by hand in tests/cpp/api/test_api.cpp), and a bad request as an error object.
 */
class IopTest {
  private static final Path EXAMPLES = Path.of(System.getProperty("iop.examples"));

  /** {"api_version":1,"<member>":<example>} by concatenation, as every language's test builds it. */
  private static String wrap(String member, String example) throws IOException {
    String text = Files.readString(EXAMPLES.resolve(example), StandardCharsets.UTF_8);
    return "{\"api_version\":1,\"" + member + "\":" + text + "}";
  }

  /** Calls, and writes the response where the cross-language comparison reads it (when asked). */
  private static Iop.Response call(String operation, String request, String name) throws IOException {
    Iop.Response response = Iop.call(operation, request);
    String out = System.getProperty("iop.out", "");
    if (!out.isEmpty()) {
      Files.createDirectories(Path.of(out));
      Files.write(Path.of(out, name + ".json"), response.body().getBytes(StandardCharsets.UTF_8));
    }
    return response;
  }

  private static JsonObject result(Iop.Response response) {
    assertEquals(Iop.OK, response.status(), response.body());
    JsonObject document = JsonParser.parseString(response.body()).getAsJsonObject();
    assertEquals(1, document.get("api_version").getAsInt());
    return document.getAsJsonObject("result");
  }

  @Test
  void calendarOfTheExamplePlan() throws IOException {
    // 8 weeks x Mon/Wed/Fri from 2026-03-02, no federal holiday in the course: 24 program days and
    // 4 medication visits; 24 x 180 + 4 x 30 = 4,440 minutes; 18:00 PST on 2026-03-02 = 02:00Z.
    JsonObject calendar = result(call("calendar.build", wrap("plan", "plan.json"), "calendar.build"));
    JsonObject totals = calendar.getAsJsonObject("totals");
    assertEquals(24, totals.get("program_days").getAsInt());
    assertEquals(28, totals.get("sessions").getAsInt());
    assertEquals(4440, totals.get("scheduled_minutes").getAsInt());
    String firstUtc = calendar.getAsJsonArray("sessions").get(0).getAsJsonObject()
        .getAsJsonObject("start").get("utc").getAsString();
    assertEquals("2026-03-03T02:00:00Z", firstUtc);
  }

  @Test
  void estimateOfTheExampleCase() throws IOException {
    // 36 program days x $300 + 6 visits x $130 = $11,580; $1,250 deductible + 20% of $10,330 = $3,316.
    JsonObject totals = result(call("estimate", wrap("case", "case.json"), "estimate")).getAsJsonObject("totals");
    assertEquals("11580.00", totals.get("charges").getAsString());
    assertEquals("3316.00", totals.get("patient").getAsString());
    assertEquals("8264.00", totals.get("plan").getAsString());
  }

  @Test
  void parityOfTheExampleDesign() throws IOException {
    // $40M of $50M have a copay: 80%; $35 on $25M of those $40M: 62.5%, the predominant level.
    JsonObject report = result(call("parity.analyse", wrap("design", "design.json"), "parity.analyse"));
    JsonObject copay = report.getAsJsonArray("tests").get(0).getAsJsonObject();
    assertEquals("80%", copay.get("subject_share").getAsString());
    assertEquals("$35.00", copay.get("predominant_display").getAsString());
    assertEquals("62.5%", copay.getAsJsonArray("levels").get(0).getAsJsonObject().get("share").getAsString());
    assertTrue(report.get("passes").getAsBoolean());
  }

  @Test
  void aBadRequestIsAnErrorObject() throws IOException {
    Iop.Response response = call("calendar.build", "{\"api_version\":1,\"plan\":{\"id\":\"x\"}}", "calendar.build.error");
    assertEquals(Iop.VALIDATION, response.status());
    JsonObject error = JsonParser.parseString(response.body()).getAsJsonObject().getAsJsonObject("error");
    assertEquals("validation", error.get("kind").getAsString());
    assertTrue(error.get("field").getAsString().startsWith("plan."), error.toString());
    Iop.Response unknown = Iop.call("calendar.make", "{\"api_version\":1}");
    assertEquals(Iop.NOT_FOUND, unknown.status());
  }

  @Test
  void versions() {
    assertEquals(1, Iop.apiVersion());
    assertTrue(Iop.version().matches("[0-9]+\\.[0-9]+\\.[0-9]+"));
  }
}
