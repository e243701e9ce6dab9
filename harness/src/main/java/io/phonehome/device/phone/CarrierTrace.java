package io.phonehome.device.phone;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The telephony stack's log of an SMS that went out through the carrier: the dispatcher
 * taking the text for a destination under a message reference, then the radio reporting
 * that reference sent:
 *
 * <pre>
 * 11-25 10:15:03.123  1203  1203 D SMSDispatcher: sendText destAddr=+886922000111 scAddr=null msgRef=3
 * 11-25 10:15:04.870  1203  1203 D GsmSMSDispatcher: SMS send complete msgRef=3 result=RESULT_OK
 * </pre>
 *
 * A firmware that sends texts over data never hands them to the dispatcher, so it leaves
 * no such pair.
 *
 * @param destination the destination as the dispatcher logged it
 * @param msgRef the message reference pairing the two lines
 * @param sent the {@code sendText} line
 * @param completed the {@code send complete ... RESULT_OK} line
 */
public record CarrierTrace(String destination, int msgRef, LogLine sent, LogLine completed) {
  private static final Pattern SEND = Pattern.compile("\\bsendText destAddr=(\\S+).*\\bmsgRef=(\\d+)");
  private static final Pattern COMPLETE =
      Pattern.compile("\\bsend complete\\b.*\\bmsgRef=(\\d+).*\\bresult=RESULT_OK\\b");

  public CarrierTrace {
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(sent, "sent");
    Objects.requireNonNull(completed, "completed");
  }

  /**
   * The first SMS to {@code destination} that the log shows sent through the carrier.
   * Numbers are compared by their digits, so {@code +886922000111} finds a text logged
   * to {@code 0922000111}.
   */
  public static Optional<CarrierTrace> find(List<LogLine> log, String destination) {
    return findAll(log, destination).stream().findFirst();
  }

  /** Every SMS to {@code destination} the log shows sent through the carrier, in order. */
  public static List<CarrierTrace> findAll(List<LogLine> log, String destination) {
    List<CarrierTrace> traces = new ArrayList<>();
    for (int i = 0; i < log.size(); i++) {
      LogLine line = log.get(i);
      if (!line.tag().endsWith("SMSDispatcher")) {
        continue;
      }
      Matcher send = SEND.matcher(line.message());
      if (!send.find() || !PhoneNumbers.same(send.group(1), destination)) {
        continue;
      }
      int ref = Integer.parseInt(send.group(2));
      completion(log, i + 1, ref)
          .ifPresent(done -> traces.add(new CarrierTrace(send.group(1), ref, line, done)));
    }
    return List.copyOf(traces);
  }

  private static Optional<LogLine> completion(List<LogLine> log, int from, int ref) {
    for (int j = from; j < log.size(); j++) {
      LogLine line = log.get(j);
      if (!line.tag().endsWith("SMSDispatcher")) {
        continue;
      }
      Matcher done = COMPLETE.matcher(line.message());
      if (done.find() && Integer.parseInt(done.group(1)) == ref) {
        return Optional.of(line);
      }
    }
    return Optional.empty();
  }

  /** The two log lines, for the report. */
  public List<String> evidence() {
    return List.of(sent.toString(), completed.toString());
  }
}
